using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hyperfleet.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ViewerSessionsAndCertificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "issued_certificates",
                columns: table => new
                {
                    serial = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    subject = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    hypervisor_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true),
                    subject_alt_names = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    spki_sha256 = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    not_before = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    not_after = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    pem = table.Column<string>(type: "text", nullable: false),
                    expiry_warned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_issued_certificates", x => x.serial);
                });

            migrationBuilder.CreateTable(
                name: "viewer_sessions",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    username = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    desktop_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    hypervisor_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    protocol = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    proxy = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    client_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    bytes_to_client = table.Column<long>(type: "bigint", nullable: false),
                    bytes_from_client = table.Column<long>(type: "bigint", nullable: false),
                    end_reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    cut_reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_viewer_sessions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_issued_certificates_not_after",
                table: "issued_certificates",
                column: "not_after");

            migrationBuilder.CreateIndex(
                name: "ix_viewer_sessions_desktop_id",
                table: "viewer_sessions",
                column: "desktop_id");

            migrationBuilder.CreateIndex(
                name: "ix_viewer_sessions_status_proxy",
                table: "viewer_sessions",
                columns: new[] { "status", "proxy" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "issued_certificates");

            migrationBuilder.DropTable(
                name: "viewer_sessions");
        }
    }
}
