using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ekuiper.Infrastructure.Persistence.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TagsJson",
                table: "Rules",
                type: "TEXT",
                nullable: true);

            // The rules stored before: their listed name and tags as RuleListing reads them from the JSON (the last of
            // duplicate keys, as System.Text.Json finds them; json_quote escapes as RuleListing.WriteTags). A row whose
            // JSON is not an object keeps both null, as RuleListing.
            migrationBuilder.Sql("""
                UPDATE "Rules" SET
                    "Name" = (SELECT CASE WHEN n.type = 'text' AND n.value <> '' THEN n.value END
                              FROM json_each("Rules"."Json") AS n WHERE n.key = 'name' ORDER BY n.id DESC LIMIT 1),
                    "TagsJson" = (SELECT CASE WHEN t.type = 'array' THEN
                                      '[' || COALESCE((SELECT group_concat(json_quote(e.value), ',' ORDER BY e.id)
                                                       FROM json_each(t.value) AS e WHERE e.type = 'text'), '') || ']' END
                                  FROM json_each("Rules"."Json") AS t WHERE t.key = 'tags' ORDER BY t.id DESC LIMIT 1)
                WHERE json_valid("Json") AND json_type("Json") = 'object';
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
