#ifndef GLOSS_CNCURSESW_SHIM_H
#define GLOSS_CNCURSESW_SHIM_H
/* The wide-character API and wcwidth are only declared with these. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <sys/ioctl.h>

/* The terminal's size as the kernel knows it, before curses starts: 1 when known. */
static inline int gloss_window_size(int fd, int *rows, int *columns) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return 0;
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 1;
}

/* Macros and globals that do not import usefully into Swift. */
static inline WINDOW *gloss_stdscr(void) { return stdscr; }
static inline int gloss_lines(void) { return LINES; }
static inline int gloss_cols(void) { return COLS; }
static inline int gloss_colors(void) { return COLORS; }
static inline attr_t gloss_a_normal(void) { return A_NORMAL; }
static inline attr_t gloss_a_bold(void) { return A_BOLD; }
static inline attr_t gloss_a_underline(void) { return A_UNDERLINE; }
static inline attr_t gloss_a_reverse(void) { return A_REVERSE; }
static inline attr_t gloss_a_dim(void) { return A_DIM; }
static inline attr_t gloss_a_italic(void) { return A_ITALIC; }
static inline int gloss_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int gloss_key_resize(void) { return KEY_RESIZE; }
static inline int gloss_key_mouse(void) { return KEY_MOUSE; }
static inline int gloss_key_code_yes(void) { return KEY_CODE_YES; }
static inline int gloss_err(void) { return ERR; }
static inline int gloss_ok(void) { return OK; }
static inline mmask_t gloss_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t gloss_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t gloss_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t gloss_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t gloss_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t gloss_button5_pressed(void) {
#ifdef BUTTON5_PRESSED
    return BUTTON5_PRESSED;
#else
    return 0;
#endif
}
static inline int gloss_set_escdelay(int ms) { return set_escdelay(ms); }
static inline int gloss_wcwidth(wchar_t c) { return wcwidth(c); }
/* A run of wide characters in one style: the window's attributes are set for the run and put
   back to normal after it (wattr_set and mvwaddnwstr are macros in some builds). */
static inline int gloss_set_attributes(WINDOW *w, attr_t a, short pair) { return wattr_set(w, a, pair, NULL); }
/* A run of printable ASCII in one style copied into the window as cells, without passing each byte
   through waddch (its wcwidth, control and wrapping checks took most of an update's time).
   waddchnstr stops at the right margin and never moves the cursor. */
static inline int gloss_put_ascii_cells(WINDOW *w, int y, int x, const char *s, int n, attr_t a, short pair) {
    chtype cells[256];
    int done = 0;
    while (done < n) {
        int count = n - done < 256 ? n - done : 256;
        for (int i = 0; i < count; i++) cells[i] = (chtype)(unsigned char)s[done + i] | (chtype)a | (chtype)COLOR_PAIR(pair);
        if (mvwaddchnstr(w, y, x + done, cells, count) == ERR) return ERR;
        done += count;
    }
    return OK;
}
static inline int gloss_put_wide(WINDOW *w, int y, int x, const wchar_t *s, int n) { return mvwaddnwstr(w, y, x, s, n); }
#endif
