using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ekuiper.Infrastructure.Persistence.TaskStoreMigrations
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
                type: "TEXT",
                nullable: true);
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
