#ifndef POOLTOP_CCURSES_H
#define POOLTOP_CCURSES_H

// The wide API (cchar_t, add_wch, setcchar) needs these before curses.h; SwiftPM drops
// the -D flags that pkg-config would give, so the shim defines them itself.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <ncursesw/curses.h>
#include <locale.h>
#include <wchar.h>

// Globals and macros that Swift 6 cannot use directly, as plain functions.
WINDOW *pt_stdscr(void);
int pt_lines(void);
int pt_cols(void);
int pt_colors(void);
int pt_color_pairs(void);
int pt_key_resize(void);
int pt_key_up(void);
int pt_key_down(void);
int pt_key_left(void);
int pt_key_right(void);
int pt_key_ppage(void);
int pt_key_npage(void);
int pt_key_home(void);
int pt_key_end(void);
int pt_key_btab(void);
int pt_key_backspace(void);
int pt_key_enter(void);
int pt_key_dc(void);
int pt_key_f(int n);
int pt_err(void);
attr_t pt_a_bold(void);
attr_t pt_a_reverse(void);
attr_t pt_a_underline(void);
attr_t pt_a_dim(void);
attr_t pt_a_normal(void);
/// Puts one cell (a single wide character) with attributes and an extended colour pair at y, x.
int pt_put_cell(int y, int x, wchar_t ch, attr_t attrs, int pair);
/// Sets the locale from the environment (needed before initscr for wide characters).
void pt_setlocale(void);

/// Starts curses on the controlling terminal: locale, newterm (no exit on failure, unlike initscr), raw
/// (Ctrl-C, Ctrl-Z and Ctrl-\ arrive as keys, not signals),
/// noecho, keypad, invisible cursor, short Esc delay, colours with the terminal's default background.
/// Returns 0 on success, -1 when stdin/stdout is not a terminal or the terminal is unknown.
int pt_open(void);
/// Ends curses mode (endwin) if it is active; safe to call more than once.
void pt_close(void);
void pt_suspend(void);
/// Whether curses mode is active (started and not ended).
int pt_is_active(void);
/// 1 when use_default_colors succeeded, so -1 means "the terminal's own colour".
int pt_default_colors(void);
/// init_extended_pair: colours may be -1 (default), 0-255, or 24-bit RGB on direct-colour terminals.
int pt_init_pair(int pair, int fg, int bg);
/// Reads one key, waiting at most timeout_ms (-1: forever). Returns 0 for none, 1 for a character
/// (code = the wide character), 2 for a function key (code = KEY_*).
int pt_read_key(int timeout_ms, int *code);
/// Erases the whole screen on the next refresh.
void pt_clear(void);
/// Sends the painted changes to the terminal.
void pt_refresh(void);

#endif
