using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hyperfleet.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AgentsAndEnrollmentTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "agent_checks",
                table: "hypervisors",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "agent_heartbeat_at",
                table: "hypervisors",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "agent_state",
                table: "hypervisors",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "disabled_by_admin",
                table: "hypervisors",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "enrollment_tokens",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    hypervisor_id = table.Column<string>(type: "TEXT", maxLength: 63, nullable: true),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    uses_allowed = table.Column<int>(type: "INTEGER", nullable: true),
                    uses = table.Column<int>(type: "INTEGER", nullable: false),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_used_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrollment_tokens", x => x.id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "enrollment_tokens");

            migrationBuilder.DropColumn(
                name: "agent_checks",
                table: "hypervisors");

            migrationBuilder.DropColumn(
                name: "agent_heartbeat_at",
                table: "hypervisors");

            migrationBuilder.DropColumn(
                name: "agent_state",
                table: "hypervisors");

            migrationBuilder.DropColumn(
                name: "disabled_by_admin",
                table: "hypervisors");
        }
    }
}
