using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ekuiper.Infrastructure.Persistence.PostgreSql.TaskMigrations
{
    /// <inheritdoc />
    public partial class TaskOwner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "AsyncTasks",
                type: "text",
                nullable: true,
                collation: "C");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Owner",
                table: "AsyncTasks");
        }
    }
}
