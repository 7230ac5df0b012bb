#ifndef GLOSS_CSQLITE_SHIM_H
#define GLOSS_CSQLITE_SHIM_H
#include <sqlite3.h>

/* SQLITE_TRANSIENT is a cast macro that does not import into Swift: SQLite copies the text. */
static inline int gloss_sqlite_bind_text(sqlite3_stmt *statement, int index, const char *text, int bytes) {
    return sqlite3_bind_text(statement, index, text, bytes, SQLITE_TRANSIENT);
}
#endif
