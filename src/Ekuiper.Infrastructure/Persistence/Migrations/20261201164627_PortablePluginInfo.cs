using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ekuiper.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PortablePluginInfo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PluginInfoJson",
                table: "Artifacts",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PluginInfoJson",
                table: "Artifacts");
        }
    }
}
