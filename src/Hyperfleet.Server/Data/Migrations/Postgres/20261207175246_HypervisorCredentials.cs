using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hyperfleet.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HypervisorCredentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hypervisor_credentials",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    hypervisor_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hypervisor_credentials", x => x.id);
                    table.ForeignKey(
                        name: "fk_hypervisor_credentials_hypervisors_hypervisor_id",
                        column: x => x.hypervisor_id,
                        principalTable: "hypervisors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_hypervisor_credentials_hypervisor_id",
                table: "hypervisor_credentials",
                column: "hypervisor_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hypervisor_credentials_token_hash",
                table: "hypervisor_credentials",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hypervisor_credentials");
        }
    }
}
