using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hyperfleet.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VpnOverlay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "wg_public_key",
                table: "hypervisors",
                type: "character varying(44)",
                maxLength: 44,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "vpn_address",
                table: "hypervisors",
                type: "character varying(45)",
                maxLength: 45,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "tunnel_status",
                table: "hypervisors",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<string>(
                name: "agent_tunnel",
                table: "hypervisors",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tunnel_detail",
                table: "hypervisors",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tunnel_reason",
                table: "hypervisors",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "tunnel_since",
                table: "hypervisors",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "vlan_trunk",
                table: "hypervisors",
                type: "character varying(15)",
                maxLength: 15,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "vlans",
                table: "hypervisors",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "vlans_at",
                table: "hypervisors",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "vlans_detected",
                table: "hypervisors",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "vpn_applied",
                table: "hypervisors",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "vlan",
                table: "desktops",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "vpn_nodes",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    public_key = table.Column<string>(type: "character varying(44)", maxLength: 44, nullable: false),
                    endpoint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    underlay_address = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: false),
                    overlay_address = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: false),
                    network = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    vni = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vpn_nodes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_hypervisors_vpn_address",
                table: "hypervisors",
                column: "vpn_address",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hypervisors_wg_public_key",
                table: "hypervisors",
                column: "wg_public_key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "vpn_nodes");

            migrationBuilder.DropIndex(
                name: "ix_hypervisors_vpn_address",
                table: "hypervisors");

            migrationBuilder.DropIndex(
                name: "ix_hypervisors_wg_public_key",
                table: "hypervisors");

            migrationBuilder.DropColumn(
                name: "agent_tunnel",
                table: "hypervisors");

            migrationBuilder.DropColumn(
                name: "tunnel_detail",
                table: "hypervisors");

            migrationBuilder.DropColumn(
                name: "tunnel_reason",
                table: "hypervisors");

            migrationBuilder.DropColumn(
                name: "tunnel_since",
                table: "hypervisors");

            migrationBuilder.DropColumn(
                name: "vlan_trunk",
                table: "hypervisors");

            migrationBuilder.DropColumn(
                name: "vlans",
                table: "hypervisors");

            migrationBuilder.DropColumn(
                name: "vlans_at",
                table: "hypervisors");

            migrationBuilder.DropColumn(
                name: "vlans_detected",
                table: "hypervisors");

            migrationBuilder.DropColumn(
                name: "vpn_applied",
                table: "hypervisors");

            migrationBuilder.DropColumn(
                name: "vlan",
                table: "desktops");

            migrationBuilder.AlterColumn<string>(
                name: "wg_public_key",
                table: "hypervisors",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(44)",
                oldMaxLength: 44,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "vpn_address",
                table: "hypervisors",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(45)",
                oldMaxLength: 45,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "tunnel_status",
                table: "hypervisors",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(16)",
                oldMaxLength: 16);
        }
    }
}
