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

    /// The table of applied migrations, under the name GRDB's migrator gave it when gloss used
    /// GRDB: databases written before and after read the same.
    static let appliedTable = "grdb_migrations"

    /// The identifiers of the migrations the database has applied.
    func applied(_ connection: SQLiteConnection) throws(SQLiteError) -> [String] {
        let table = try connection.rows("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                        [.text(Self.appliedTable)])
        guard !table.isEmpty else { return [] }
        return try connection.rows("SELECT identifier FROM \(Self.appliedTable)").compactMap { $0.first?.text }
    }

    /// True when the database has a migration this build does not know: a newer gloss wrote it.
    func hasBeenSuperseded(_ connection: SQLiteConnection) throws(SQLiteError) -> Bool {
        let known = Set(migrations.map(\.identifier))
        return try applied(connection).contains { !known.contains($0) }
    }

    /// Applies the migrations the database lacks, in order, in one transaction that holds the
    /// write lock: a second gloss opening a new database at the same moment waits, then finds
    /// them applied.
    func migrate(_ connection: SQLiteConnection) throws {
        // Usually all are applied: known without taking the write lock.
        let already = Set(try applied(connection))
        guard migrations.contains(where: { !already.contains($0.identifier) }) else { return }
        try connection.transaction(immediate: true) {
            try connection.execute("CREATE TABLE IF NOT EXISTS \(Self.appliedTable) (identifier TEXT NOT NULL PRIMARY KEY)")
            let done = Set(try applied(connection))
            for migration in migrations where !done.contains(migration.identifier) {
                try connection.execute(migration.sql)
                try connection.rows("INSERT INTO \(Self.appliedTable) (identifier) VALUES (?)", [.text(migration.identifier)])
            }
        }
    }
}
