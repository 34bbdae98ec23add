#include "CCurses.h"

WINDOW *pt_stdscr(void) { return stdscr; }
int pt_lines(void) { return LINES; }
int pt_cols(void) { return COLS; }
int pt_colors(void) { return COLORS; }
int pt_color_pairs(void) { return COLOR_PAIRS; }
int pt_key_resize(void) { return KEY_RESIZE; }
int pt_key_up(void) { return KEY_UP; }
int pt_key_down(void) { return KEY_DOWN; }
int pt_key_left(void) { return KEY_LEFT; }
int pt_key_right(void) { return KEY_RIGHT; }
int pt_key_ppage(void) { return KEY_PPAGE; }
int pt_key_npage(void) { return KEY_NPAGE; }
int pt_key_home(void) { return KEY_HOME; }
int pt_key_end(void) { return KEY_END; }
int pt_key_btab(void) { return KEY_BTAB; }
int pt_key_backspace(void) { return KEY_BACKSPACE; }
int pt_key_enter(void) { return KEY_ENTER; }
int pt_key_dc(void) { return KEY_DC; }
int pt_key_f(int n) { return KEY_F(n); }
int pt_err(void) { return ERR; }
attr_t pt_a_bold(void) { return A_BOLD; }
attr_t pt_a_reverse(void) { return A_REVERSE; }
attr_t pt_a_underline(void) { return A_UNDERLINE; }
attr_t pt_a_dim(void) { return A_DIM; }
attr_t pt_a_normal(void) { return A_NORMAL; }

int pt_put_cell(int y, int x, wchar_t ch, attr_t attrs, int pair) {
    cchar_t cell;
    wchar_t text[2] = { ch, L'\0' };
    int opts = pair;
    if (setcchar(&cell, text, attrs, (short)(pair < 32767 ? pair : 0), &opts) == ERR) return ERR;
    return mvadd_wch(y, x, &cell);
}

void pt_setlocale(void) { setlocale(LC_ALL, ""); }
