using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LibrarianDesk.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PatronPrivacy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AnonymisedAt",
                table: "OfflineMessages",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "TextsDeleted",
                table: "OfflineMessages",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "AnonymisedAt",
                table: "Conversations",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "TextsDeleted",
                table: "Conversations",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnonymisedAt",
                table: "OfflineMessages");

            migrationBuilder.DropColumn(
                name: "TextsDeleted",
                table: "OfflineMessages");

            migrationBuilder.DropColumn(
                name: "AnonymisedAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "TextsDeleted",
                table: "Conversations");
        }
    }
}
