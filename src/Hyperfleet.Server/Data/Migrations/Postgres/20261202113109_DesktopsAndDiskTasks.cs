using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hyperfleet.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DesktopsAndDiskTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "disk_tasks",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    pool_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    arguments = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    owner_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    owner_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true),
                    hypervisor_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    result = table.Column<string>(type: "text", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    claimed_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    not_before = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disk_tasks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "storage_pools",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    mountpoint = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    bases_path = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    templates_path = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    groups_path = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    media_path = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    volatile_path = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_storage_pools", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "storage_pool_hypervisors",
                columns: table => new
                {
                    pool_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    hypervisor_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_storage_pool_hypervisors", x => new { x.pool_id, x.hypervisor_id });
                    table.ForeignKey(
                        name: "fk_storage_pool_hypervisors_hypervisors_hypervisor_id",
                        column: x => x.hypervisor_id,
                        principalTable: "hypervisors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_storage_pool_hypervisors_storage_pools_pool_id",
                        column: x => x.pool_id,
                        principalTable: "storage_pools",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "templates",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    disk_path = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    parent_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true),
                    pool_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    memory_mib = table.Column<int>(type: "integer", nullable: false),
                    vcpus = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status_detail = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_templates", x => x.id);
                    table.ForeignKey(
                        name: "fk_templates_storage_pools_pool_id",
                        column: x => x.pool_id,
                        principalTable: "storage_pools",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_templates_templates_parent_id",
                        column: x => x.parent_id,
                        principalTable: "templates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "desktops",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    owner = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    template_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    pool_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    disk_path = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    memory_mib = table.Column<int>(type: "integer", nullable: false),
                    vcpus = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status_detail = table.Column<string>(type: "text", nullable: true),
                    status_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    hypervisor_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true),
                    forced_hypervisor_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true),
                    favourite_hypervisor_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true),
                    vnc_port = table.Column<int>(type: "integer", nullable: true),
                    spice_port = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_desktops", x => x.id);
                    table.ForeignKey(
                        name: "fk_desktops_storage_pools_pool_id",
                        column: x => x.pool_id,
                        principalTable: "storage_pools",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_desktops_templates_template_id",
                        column: x => x.template_id,
                        principalTable: "templates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_desktops_hypervisor_id",
                table: "desktops",
                column: "hypervisor_id");

            migrationBuilder.CreateIndex(
                name: "ix_desktops_pool_id",
                table: "desktops",
                column: "pool_id");

            migrationBuilder.CreateIndex(
                name: "ix_desktops_status",
                table: "desktops",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_desktops_template_id",
                table: "desktops",
                column: "template_id");

            migrationBuilder.CreateIndex(
                name: "ix_disk_tasks_owner_kind_owner_id",
                table: "disk_tasks",
                columns: new[] { "owner_kind", "owner_id" });

            migrationBuilder.CreateIndex(
                name: "ix_disk_tasks_status_not_before",
                table: "disk_tasks",
                columns: new[] { "status", "not_before" });

            migrationBuilder.CreateIndex(
                name: "ix_storage_pool_hypervisors_hypervisor_id",
                table: "storage_pool_hypervisors",
                column: "hypervisor_id");

            migrationBuilder.CreateIndex(
                name: "ix_templates_parent_id",
                table: "templates",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_templates_pool_id",
                table: "templates",
                column: "pool_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "desktops");

            migrationBuilder.DropTable(
                name: "disk_tasks");

            migrationBuilder.DropTable(
                name: "storage_pool_hypervisors");

            migrationBuilder.DropTable(
                name: "templates");

            migrationBuilder.DropTable(
                name: "storage_pools");
        }
    }
}
