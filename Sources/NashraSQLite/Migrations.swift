import GRDB
import NashraCore

/// The schema, as an ordered list of migrations. Never edit a shipped migration; add a new one.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-content") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
                    INSERT INTO meta (key, value) VALUES ('content_version', 1);

                    CREATE TABLE sections (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        slug TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        description TEXT NOT NULL DEFAULT '',
                        position INTEGER NOT NULL DEFAULT 0,
                        parent_id INTEGER REFERENCES sections(id) ON DELETE RESTRICT
                    );
                    CREATE INDEX sections_by_parent ON sections(parent_id, position);

                    CREATE TABLE authors (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        slug TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        bio TEXT NOT NULL DEFAULT ''
                    );

                    CREATE TABLE tags (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        slug TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL
                    );

                    CREATE TABLE articles (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        slug TEXT NOT NULL UNIQUE,
                        title TEXT NOT NULL,
                        summary TEXT NOT NULL DEFAULT '',
                        body_html TEXT NOT NULL,
                        section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE RESTRICT,
                        author_id INTEGER NOT NULL REFERENCES authors(id) ON DELETE RESTRICT,
                        source_name TEXT,
                        source_url TEXT,
                        cover_url TEXT,
                        cover_alt TEXT,
                        is_breaking INTEGER NOT NULL DEFAULT 0,
                        status TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'published')),
                        published_at DATETIME,
                        created_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL,
                        reading_minutes INTEGER NOT NULL DEFAULT 1,
                        comments_open INTEGER NOT NULL DEFAULT 1
                    );
                    -- One index per list the site shows: latest, per section, per author, breaking.
                    CREATE INDEX articles_latest ON articles(status, published_at DESC);
                    CREATE INDEX articles_by_section ON articles(section_id, status, published_at DESC);
                    CREATE INDEX articles_by_author ON articles(author_id, status, published_at DESC);
                    CREATE INDEX articles_breaking ON articles(published_at DESC) WHERE is_breaking = 1;

                    CREATE TABLE article_tags (
                        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (article_id, tag_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX article_tags_by_tag ON article_tags(tag_id, article_id);

                    -- Old slugs, so links made before a rename answer 301.
                    CREATE TABLE article_slug_history (
                        slug TEXT PRIMARY KEY NOT NULL,
                        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
                    ) WITHOUT ROWID;

                    CREATE TABLE comments (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                        parent_id INTEGER REFERENCES comments(id) ON DELETE CASCADE,
                        author_name TEXT NOT NULL,
                        author_email TEXT NOT NULL,
                        author_url TEXT,
                        body TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'spam', 'trash')),
                        created_at DATETIME NOT NULL
                    );
                    CREATE INDEX comments_by_article ON comments(article_id, status, created_at);
                    CREATE INDEX comments_by_status ON comments(status, created_at);

                    CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v2-comment-lookups") { db in
            // Known-reader and duplicate checks look comments up by email.
            try db.execute(sql: "CREATE INDEX comments_by_email ON comments(author_email COLLATE NOCASE, status)")
        }
        migrator.registerMigration("v3-search-and-import") { db in
            // Pre-analyzed text (ArabicAnalyzer), so index and queries follow one set of rules; the
            // default tokenizer only splits on the spaces between our terms. rowid = article id.
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE article_search USING fts5(
                        title, summary, body, tags, author, alternates,
                        tokenize = 'unicode61 remove_diacritics 0', detail = 'full'
                    );
                    CREATE VIRTUAL TABLE article_search_vocab USING fts5vocab(article_search, 'row');
                    -- Imports update the article they made before instead of adding it again.
                    ALTER TABLE articles ADD COLUMN external_id TEXT;
                    CREATE UNIQUE INDEX articles_by_external_id ON articles(external_id) WHERE external_id IS NOT NULL;
                    """)
            // Existing articles are indexed by `nashra reindex` (and by every save from now on).
        }
        migrator.registerMigration("v4-newsroom") { db in try NewsroomMigration.apply(db) }
        migrator.registerMigration("v5-title-key") { db in
            // The newsroom's title match compares Arabic-normalized forms (StorageRules.titleKey),
            // which SQL cannot compute, so each row keeps its own; existing rows are filled here.
            try db.execute(sql: "ALTER TABLE articles ADD COLUMN title_key TEXT NOT NULL DEFAULT ''")
            for row in try Row.fetchAll(db, sql: "SELECT id, title FROM articles") {
                try db.execute(
                    sql: "UPDATE articles SET title_key = ? WHERE id = ?",
                    arguments: [StorageRules.titleKey(row["title"]), row["id"] as Int64])
            }
        }
        migrator.registerMigration("v6-content-changes") { db in
            // Which pages each write touched, so caches drop those and keep the rest (ContentChange).
            // WITHOUT ROWID: writes record a change after their own INSERT, and an insert here must
            // not move the connection's last inserted rowid.
            try db.execute(
                sql:
                    "CREATE TABLE content_changes (version INTEGER PRIMARY KEY NOT NULL, keys TEXT NOT NULL) WITHOUT ROWID"
            )
        }
        migrator.registerMigration("v7-search-analyzer") { db in
            // Which analyzer built the index: a database without published articles has nothing to
            // rebuild; one with them was indexed before versions were recorded (1, or not at all), so
            // the first `serve` rebuilds it once.
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO meta (key, value) SELECT 'search_analyzer',
                    CASE WHEN EXISTS (SELECT 1 FROM articles WHERE status = 'published') THEN 1 ELSE ? END
                    """, arguments: [ArabicAnalyzer.version])
            // The vocabulary by column, so spelling suggestions leave the second readings out.
            try db.execute(
                sql: "CREATE VIRTUAL TABLE article_search_vocab_columns USING fts5vocab(article_search, 'col')")
        }
        migrator.registerMigration("v8-wordpress") { db in
            // Imported comments are matched again by their WordPress id; old addresses answer 301;
            // static pages (about, contact) live beside the articles.
            try db.execute(
                sql: """
                    ALTER TABLE comments ADD COLUMN external_id TEXT;
                    CREATE UNIQUE INDEX comments_by_external_id ON comments(external_id) WHERE external_id IS NOT NULL;
                    ALTER TABLE media ADD COLUMN external_id TEXT;
                    ALTER TABLE articles ADD COLUMN is_pinned INTEGER NOT NULL DEFAULT 0;
                    -- The home page asks for the newest pinned article on every render: an index of the few.
                    CREATE INDEX articles_pinned ON articles(published_at DESC) WHERE is_pinned = 1;
                    CREATE UNIQUE INDEX media_by_external_id ON media(external_id) WHERE external_id IS NOT NULL;
                    CREATE TABLE redirects (
                        from_key TEXT PRIMARY KEY NOT NULL,
                        target_kind TEXT NOT NULL
                            CHECK (target_kind IN ('article', 'section', 'tag', 'author', 'page', 'path')),
                        target_id INTEGER,
                        target_value TEXT,
                        origin TEXT NOT NULL,
                        created_at DATETIME NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX redirects_by_creation ON redirects(created_at DESC, from_key);
                    CREATE TABLE pages (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        slug TEXT NOT NULL UNIQUE,
                        title TEXT NOT NULL,
                        body_html TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('published', 'draft', 'trash')),
                        in_footer INTEGER NOT NULL DEFAULT 0,
                        position INTEGER NOT NULL DEFAULT 0,
                        external_id TEXT UNIQUE,
                        updated_at DATETIME NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v9-pictures") { db in
            // Alt text, caption, credit and focal point beside each upload; the resized copies in
            // their own table, so a copy's name finds its picture. Older uploads start pending: the
            // first `serve` makes their copies.
            try db.execute(
                sql: """
                    ALTER TABLE media ADD COLUMN alt TEXT NOT NULL DEFAULT '';
                    ALTER TABLE media ADD COLUMN caption TEXT NOT NULL DEFAULT '';
                    ALTER TABLE media ADD COLUMN credit TEXT NOT NULL DEFAULT '';
                    ALTER TABLE media ADD COLUMN focal_x REAL NOT NULL DEFAULT 0.5;
                    ALTER TABLE media ADD COLUMN focal_y REAL NOT NULL DEFAULT 0.5;
                    ALTER TABLE media ADD COLUMN state TEXT NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'ready', 'failed'));
                    CREATE INDEX media_pending ON media(id) WHERE state = 'pending';
                    CREATE TABLE media_variants (
                        file_name TEXT PRIMARY KEY NOT NULL,
                        media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
                        purpose TEXT NOT NULL CHECK (purpose IN ('width', 'social')),
                        format TEXT NOT NULL CHECK (format IN ('jpeg', 'png', 'webp', 'gif')),
                        width INTEGER NOT NULL,
                        height INTEGER NOT NULL,
                        bytes INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX media_variants_by_media ON media_variants(media_id);
                    """)
        }
        migrator.registerMigration("v10-picture-crops") { db in
            // The 16:9, 4:3 and 1:1 crops search engines ask for, beside the social card: SQLite
            // changes a CHECK only by copying the table. Pictures made before get the crops from
            // `nashra media regenerate`.
            try db.execute(
                sql: """
                    CREATE TABLE media_variants_new (
                        file_name TEXT PRIMARY KEY NOT NULL,
                        media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
                        purpose TEXT NOT NULL CHECK (purpose IN ('width', 'social', 'wide', 'standard', 'square')),
                        format TEXT NOT NULL CHECK (format IN ('jpeg', 'png', 'webp', 'gif')),
                        width INTEGER NOT NULL,
                        height INTEGER NOT NULL,
                        bytes INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    INSERT INTO media_variants_new SELECT file_name, media_id, purpose, format, width, height, bytes
                        FROM media_variants;
                    DROP TABLE media_variants;
                    ALTER TABLE media_variants_new RENAME TO media_variants;
                    CREATE INDEX media_variants_by_media ON media_variants(media_id);
                    """)
        }
        migrator.registerMigration("v11-seo-fields") { db in
            // The title and description for search engines (Yoast's and Rank Math's fields); empty
            // means the headline and summary.
            try db.execute(
                sql: """
                    ALTER TABLE articles ADD COLUMN seo_title TEXT NOT NULL DEFAULT '';
                    ALTER TABLE articles ADD COLUMN seo_description TEXT NOT NULL DEFAULT '';
                    """)
        }
        migrator.registerMigration("v12-page-markdown") { db in
            // Pages written in the newsroom keep their Markdown, as articles do.
            try db.execute(sql: "ALTER TABLE pages ADD COLUMN body_markdown TEXT")
        }
        return migrator
    }
}
