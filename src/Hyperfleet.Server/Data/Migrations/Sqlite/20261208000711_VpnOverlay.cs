using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hyperfleet.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VpnOverlay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "agent_tunnel",
                table: "hypervisors",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tunnel_detail",
                table: "hypervisors",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tunnel_reason",
                table: "hypervisors",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "tunnel_since",
                table: "hypervisors",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "vlan_trunk",
                table: "hypervisors",
                type: "TEXT",
                maxLength: 15,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "vlans",
                table: "hypervisors",
                type: "TEXT",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "vlans_at",
                table: "hypervisors",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "vlans_detected",
                table: "hypervisors",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "vpn_applied",
                table: "hypervisors",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "vlan",
                table: "desktops",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "vpn_nodes",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    public_key = table.Column<string>(type: "TEXT", maxLength: 44, nullable: false),
                    endpoint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    underlay_address = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    overlay_address = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    network = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    vni = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
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
        }
    }
}
