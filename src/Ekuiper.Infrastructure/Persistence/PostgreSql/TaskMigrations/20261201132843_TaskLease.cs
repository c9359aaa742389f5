using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ekuiper.Infrastructure.Persistence.PostgreSql.TaskMigrations
{
    /// <inheritdoc />
    public partial class TaskLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "CancelRequested",
                table: "AsyncTasks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "LeaseExpiresAt",
                table: "AsyncTasks",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AsyncTasks_Status_LeaseExpiresAt",
                table: "AsyncTasks",
                columns: new[] { "Status", "LeaseExpiresAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AsyncTasks_Status_LeaseExpiresAt",
                table: "AsyncTasks");

            migrationBuilder.DropColumn(
                name: "CancelRequested",
                table: "AsyncTasks");

            migrationBuilder.DropColumn(
                name: "LeaseExpiresAt",
                table: "AsyncTasks");
        }
    }
}
