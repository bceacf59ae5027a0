using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hyperfleet.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hypervisor_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    hypervisor_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    actor = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    from_status = table.Column<string>(type: "text", nullable: true),
                    to_status = table.Column<string>(type: "text", nullable: true),
                    reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    detail = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hypervisor_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hypervisors",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    description = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    hostname = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ssh_port = table.Column<int>(type: "integer", nullable: false),
                    ssh_user = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ssh_host_key = table.Column<string>(type: "text", nullable: true),
                    cap_hypervisor = table.Column<bool>(type: "boolean", nullable: false),
                    cap_disk_operations = table.Column<bool>(type: "boolean", nullable: false),
                    flavour = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    vpn_tunneling_mode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    vpn_address = table.Column<string>(type: "text", nullable: true),
                    wg_public_key = table.Column<string>(type: "text", nullable: true),
                    infrastructure_mtu = table.Column<int>(type: "integer", nullable: false),
                    tunnel_status = table.Column<string>(type: "text", nullable: false),
                    viewer_static_host = table.Column<string>(type: "text", nullable: true),
                    viewer_proxy_video_host = table.Column<string>(type: "text", nullable: true),
                    viewer_proxy_hyper_host = table.Column<string>(type: "text", nullable: true),
                    viewer_spice_port = table.Column<int>(type: "integer", nullable: false),
                    viewer_html5_port = table.Column<int>(type: "integer", nullable: false),
                    only_forced = table.Column<bool>(type: "boolean", nullable: false),
                    min_free_mem_mib = table.Column<int>(type: "integer", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status_reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    status_detail = table.Column<string>(type: "text", nullable: true),
                    status_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    libvirt_version = table.Column<string>(type: "text", nullable: true),
                    qemu_version = table.Column<string>(type: "text", nullable: true),
                    cpu_model = table.Column<string>(type: "text", nullable: true),
                    cpu_threads = table.Column<int>(type: "integer", nullable: true),
                    memory_total_mib = table.Column<long>(type: "bigint", nullable: true),
                    memory_free_mib = table.Column<long>(type: "bigint", nullable: true),
                    kvm_available = table.Column<bool>(type: "boolean", nullable: true),
                    cpu_percent = table.Column<double>(type: "double precision", nullable: true),
                    desktops_running = table.Column<int>(type: "integer", nullable: true),
                    stats_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    registered_by = table.Column<string>(type: "text", nullable: false),
                    agent_version = table.Column<string>(type: "text", nullable: true),
                    last_seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hypervisors", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    username = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_token_hash",
                table: "api_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_user_id",
                table: "api_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_hypervisor_events_hypervisor_id_id",
                table: "hypervisor_events",
                columns: new[] { "hypervisor_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_hypervisors_hostname",
                table: "hypervisors",
                column: "hostname");

            migrationBuilder.CreateIndex(
                name: "ix_users_username",
                table: "users",
                column: "username",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "hypervisor_events");

            migrationBuilder.DropTable(
                name: "hypervisors");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
