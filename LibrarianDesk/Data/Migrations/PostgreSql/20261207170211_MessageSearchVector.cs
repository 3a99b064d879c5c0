using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LibrarianDesk.Data.Migrations.PostgreSql
{
    /// <summary>
    /// The history's full-text index on PostgreSQL, outside the model as FTS5 is on SQLite: each message's
    /// <c>"SearchVector"</c>, generated from its text (so every writer, EF or the chat's own statements, keeps
    /// it current) and GIN-indexed. <c>desk_search_words</c> blanks punctuation character for character, so the
    /// parser sees the words FTS5's tokenizer sees (not e-mails, URLs or signed numbers) whatever the server's
    /// locale; <c>desk_search</c> is <c>simple</c> behind <c>unaccent</c>, so case and accents are ignored. The
    /// configuration rather than an <c>unaccent()</c> wrapper: <c>to_tsvector</c> with a fixed configuration
    /// is immutable, and <c>ts_headline</c> then highlights "Perpustakaán" for "perpustakaan" too.
    /// </summary>
    public partial class MessageSearchVector : Migration
    {
        // ASCII punctuation and the typographic marks phones type; the parser treats every other
        // character outside ASCII as a letter when the database's locale is C.
        private const string Separators = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00a0\u00a1\u00ab\u00b7\u00bb\u00bf\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026\u2039\u203a";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            ArgumentNullException.ThrowIfNull(migrationBuilder);
            migrationBuilder.Sql($"""
                CREATE EXTENSION IF NOT EXISTS unaccent;
                CREATE TEXT SEARCH CONFIGURATION desk_search (COPY = simple);
                ALTER TEXT SEARCH CONFIGURATION desk_search
                    ALTER MAPPING FOR word, numword, hword, hword_part, hword_numpart WITH unaccent, simple;
                CREATE FUNCTION desk_search_words(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                    AS $$ SELECT translate($1, '{Separators.Replace("'", "''", StringComparison.Ordinal)}', '{new string(' ', Separators.Length)}') $$;
                ALTER TABLE "ChatMessages" ADD COLUMN "SearchVector" tsvector
                    GENERATED ALWAYS AS (to_tsvector('desk_search', desk_search_words("Text"))) STORED;
                CREATE INDEX "IX_ChatMessages_SearchVector" ON "ChatMessages" USING gin ("SearchVector");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ArgumentNullException.ThrowIfNull(migrationBuilder);

            // unaccent stays: it may have been there before, and other databases' objects may use it.
            migrationBuilder.Sql("""
                ALTER TABLE "ChatMessages" DROP COLUMN "SearchVector";
                DROP FUNCTION desk_search_words(text);
                DROP TEXT SEARCH CONFIGURATION desk_search;
                """);
        }
    }
}
