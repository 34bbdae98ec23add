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

#include <unistd.h>
#include <signal.h>
#include <time.h>

static int pt_active = 0;
static int pt_defaults = 0;

int pt_open(void) {
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) return -1;
    pt_setlocale();
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (screen == NULL) return -1;
    set_term(screen);
    pt_active = 1;
    raw();  /* Ctrl-C arrives as a key: the console cancels a statement with it (quit otherwise) */
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    intrflush(stdscr, FALSE);
    curs_set(0);
    set_escdelay(25);
    if (has_colors()) {
        start_color();
        pt_defaults = use_default_colors() == OK;
    }
    return 0;
}

void pt_close(void) {
    if (pt_active && !isendwin()) {
        curs_set(1);
        endwin();
    }
    pt_active = 0;
}

static volatile sig_atomic_t pt_continued = 0;
static void pt_on_continue(int number) { (void)number; pt_continued = 1; }

/* Ctrl-Z in raw mode is a key, not a signal: do what the terminal would have done. Leave curses,
   stop the foreground process group as the tty's SIGTSTP would (its default action, not the
   handler ncurses installed), and after `fg` (SIGCONT) restore the saved mode and redraw. Any
   thread may take the stop; this one waits for the SIGCONT, or 2 s when nothing stopped (an
   orphaned process group discards SIGTSTP). SIGCONT discards every stop still pending, so the
   handler is put back only then. */
void pt_suspend(void) {
    if (!pt_active || isendwin()) return;
    def_prog_mode();
    curs_set(1);
    endwin();
    struct sigaction stop, resume, previous_stop, previous_resume;
    sigemptyset(&stop.sa_mask);
    stop.sa_flags = 0;
    stop.sa_handler = SIG_DFL;
    resume = stop;
    resume.sa_handler = pt_on_continue;
    pt_continued = 0;
    sigaction(SIGCONT, &resume, &previous_resume);
    sigaction(SIGTSTP, &stop, &previous_stop);
    kill(0, SIGTSTP);
    struct timespec step = { 0, 10 * 1000 * 1000 };
    for (int waited = 0; !pt_continued && waited < 200; waited++) nanosleep(&step, NULL);
    sigaction(SIGTSTP, &previous_stop, NULL);
    sigaction(SIGCONT, &previous_resume, NULL);
    reset_prog_mode();
    curs_set(0);
    clearok(curscr, TRUE);
    refresh();
}

int pt_is_active(void) { return pt_active && !isendwin(); }
int pt_default_colors(void) { return pt_defaults; }

int pt_init_pair(int pair, int fg, int bg) {
    if (!pt_defaults) {
        if (fg < 0) fg = COLOR_WHITE;
        if (bg < 0) bg = COLOR_BLACK;
    }
    return init_extended_pair(pair, fg, bg);
}

int pt_read_key(int timeout_ms, int *code) {
    wint_t ch = 0;
    timeout(timeout_ms);
    int kind = get_wch(&ch);
    *code = (int)ch;
    if (kind == ERR) return 0;
    return kind == KEY_CODE_YES ? 2 : 1;
}

void pt_clear(void) { clearok(stdscr, TRUE); erase(); }
void pt_refresh(void) { refresh(); }
