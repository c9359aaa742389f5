using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ekuiper.Infrastructure.Persistence.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class RuleListingColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "Rules",
                type: "text",
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "TagsJson",
                table: "Rules",
                type: "text",
                nullable: true,
                collation: "C");

            // The rules stored before: their listed name and tags as RuleListing reads them from the JSON (jsonb keeps
            // the last of duplicate keys, as System.Text.Json finds them; a string element's jsonb text is escaped as
            // RuleListing.WriteTags escapes it). A row whose JSON is not an object keeps both null, as RuleListing.
            migrationBuilder.Sql("""
                CREATE FUNCTION pg_temp.ekuiper_rule_json(t text) RETURNS jsonb LANGUAGE plpgsql AS $$
                BEGIN
                    RETURN t::jsonb;
                EXCEPTION WHEN others THEN
                    RETURN NULL;
                END $$;
                UPDATE "Rules" AS r SET
                    "Name" = CASE WHEN jsonb_typeof(s.j -> 'name') = 'string' AND s.j ->> 'name' <> '' THEN s.j ->> 'name' END,
                    "TagsJson" = CASE WHEN jsonb_typeof(s.j -> 'tags') = 'array' THEN
                        '[' || COALESCE((SELECT string_agg(e.v::text, ',' ORDER BY e.n)
                                         FROM jsonb_array_elements(s.j -> 'tags') WITH ORDINALITY AS e(v, n)
                                         WHERE jsonb_typeof(e.v) = 'string'), '') || ']' END
                FROM (SELECT "Id", pg_temp.ekuiper_rule_json("Json") AS j FROM "Rules") AS s
                WHERE r."Id" = s."Id" AND jsonb_typeof(s.j) = 'object';
                DROP FUNCTION pg_temp.ekuiper_rule_json(text);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Name",
                table: "Rules");

            migrationBuilder.DropColumn(
                name: "TagsJson",
                table: "Rules");
        }
    }
}
