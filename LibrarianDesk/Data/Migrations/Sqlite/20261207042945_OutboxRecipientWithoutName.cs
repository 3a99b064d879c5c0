using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LibrarianDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxRecipientWithoutName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ToName",
                table: "OutboxMails");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ToName",
                table: "OutboxMails",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }
    }
}
