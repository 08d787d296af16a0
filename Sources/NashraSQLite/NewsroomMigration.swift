import GRDB

/// Schema v4: the newsroom. Articles gain the `pending` and `trash` states and their Markdown source
/// (SQLite cannot change a CHECK constraint, so the table is rebuilt with the same ids); users,
/// sessions, the audit log, revisions, autosaves and media get tables of their own.
enum NewsroomMigration {
    static func apply(_ db: Database) throws {
        // GRDB runs migrations with foreign keys off and checks them afterwards, which the rebuild needs.
        try db.execute(
            sql: """
                CREATE TABLE articles_v4 (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    slug TEXT NOT NULL UNIQUE,
                    title TEXT NOT NULL,
                    summary TEXT NOT NULL DEFAULT '',
                    body_html TEXT NOT NULL,
                    body_markdown TEXT,
                    section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE RESTRICT,
                    author_id INTEGER NOT NULL REFERENCES authors(id) ON DELETE RESTRICT,
                    source_name TEXT,
                    source_url TEXT,
                    cover_url TEXT,
                    cover_alt TEXT,
                    is_breaking INTEGER NOT NULL DEFAULT 0,
                    status TEXT NOT NULL
                        CHECK (status IN ('draft', 'pending', 'scheduled', 'published', 'trash')),
                    published_at DATETIME,
                    created_at DATETIME NOT NULL,
                    updated_at DATETIME NOT NULL,
                    reading_minutes INTEGER NOT NULL DEFAULT 1,
                    comments_open INTEGER NOT NULL DEFAULT 1,
                    external_id TEXT
                );
                INSERT INTO articles_v4 (id, slug, title, summary, body_html, section_id, author_id, source_name,
                    source_url, cover_url, cover_alt, is_breaking, status, published_at, created_at, updated_at,
                    reading_minutes, comments_open, external_id)
                SELECT id, slug, title, summary, body_html, section_id, author_id, source_name, source_url, cover_url,
                    cover_alt, is_breaking, status, published_at, created_at, updated_at, reading_minutes,
                    comments_open, external_id
                FROM articles;
                DROP TABLE articles;
                ALTER TABLE articles_v4 RENAME TO articles;
                CREATE INDEX articles_latest ON articles(status, published_at DESC);
                CREATE INDEX articles_by_section ON articles(section_id, status, published_at DESC);
                CREATE INDEX articles_by_author ON articles(author_id, status, published_at DESC);
                CREATE INDEX articles_breaking ON articles(published_at DESC) WHERE is_breaking = 1;
                CREATE UNIQUE INDEX articles_by_external_id ON articles(external_id) WHERE external_id IS NOT NULL;
                -- The newsroom's list: newest change first, per state.
                CREATE INDEX articles_by_update ON articles(status, updated_at DESC);

                CREATE TABLE users (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'author', 'contributor')),
                    author_id INTEGER NOT NULL REFERENCES authors(id) ON DELETE RESTRICT,
                    password_hash TEXT NOT NULL,
                    is_active INTEGER NOT NULL DEFAULT 1,
                    created_at DATETIME NOT NULL
                );

                -- Only a hash of the cookie's token is kept, so a copy of the database signs no one in.
                CREATE TABLE sessions (
                    token_hash TEXT PRIMARY KEY NOT NULL,
                    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    created_at DATETIME NOT NULL,
                    last_seen_at DATETIME NOT NULL,
                    address TEXT NOT NULL DEFAULT ''
                ) WITHOUT ROWID;
                CREATE INDEX sessions_by_user ON sessions(user_id);
                CREATE INDEX sessions_by_last_seen ON sessions(last_seen_at);

                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at DATETIME NOT NULL,
                    action TEXT NOT NULL,
                    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
                    actor_name TEXT NOT NULL DEFAULT '',
                    target TEXT NOT NULL DEFAULT '',
                    detail TEXT NOT NULL DEFAULT '',
                    address TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX audit_by_action ON audit_log(action, at);

                CREATE TABLE revisions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    saved_at DATETIME NOT NULL,
                    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
                    user_name TEXT NOT NULL DEFAULT '',
                    title TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    body_markdown TEXT NOT NULL,
                    status TEXT NOT NULL
                );
                CREATE INDEX revisions_by_article ON revisions(article_id, id DESC);

                CREATE TABLE autosaves (
                    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    key TEXT NOT NULL,
                    fields TEXT NOT NULL,
                    saved_at DATETIME NOT NULL,
                    PRIMARY KEY (user_id, key)
                ) WITHOUT ROWID;

                CREATE TABLE media (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    file_name TEXT NOT NULL UNIQUE,
                    original_name TEXT NOT NULL,
                    mime_type TEXT NOT NULL,
                    width INTEGER NOT NULL,
                    height INTEGER NOT NULL,
                    bytes INTEGER NOT NULL,
                    uploaded_at DATETIME NOT NULL,
                    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL
                );
                """)
    }
}
