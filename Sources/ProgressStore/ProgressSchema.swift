import GRDB

/// Every schema change, in order. A migration, once shipped, never changes: a database that has
/// applied "v1" must mean the same tables on every machine. Changes go in a new migration.
struct ProgressSchema: Sendable {
    var migrations: [(identifier: String, sql: String)]

    static let current = ProgressSchema(migrations: [
        ("v1", """
            CREATE TABLE lesson (
                contentHash TEXT NOT NULL PRIMARY KEY,
                path TEXT NOT NULL UNIQUE,
                section INTEGER,
                paragraph INTEGER,
                sentence INTEGER,
                percentRead INTEGER NOT NULL DEFAULT 0,
                lastOpened DATETIME
            );
            CREATE TABLE term (
                term TEXT NOT NULL PRIMARY KEY,
                status TEXT NOT NULL,
                changedAt DATETIME NOT NULL
            );
            CREATE TABLE setting (
                key TEXT NOT NULL PRIMARY KEY,
                value TEXT NOT NULL
            );
            """),
    ])

    /// The schema of a later build, for tests that play a newer gloss.
    func adding(_ identifier: String, sql: String) -> ProgressSchema {
        ProgressSchema(migrations: migrations + [(identifier, sql)])
    }

    var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            let sql = migration.sql
            migrator.registerMigration(migration.identifier) { db in
                try db.execute(sql: sql)
            }
        }
        return migrator
    }
}
