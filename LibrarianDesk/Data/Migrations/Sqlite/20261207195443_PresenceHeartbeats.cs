using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LibrarianDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PresenceHeartbeats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PresenceHeartbeats",
                columns: table => new
                {
                    ServerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LibrarianId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    OpenTabs = table.Column<int>(type: "INTEGER", nullable: false),
                    RenewedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PresenceHeartbeats", x => new { x.ServerId, x.LibrarianId });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PresenceHeartbeats");
        }
    }
}
