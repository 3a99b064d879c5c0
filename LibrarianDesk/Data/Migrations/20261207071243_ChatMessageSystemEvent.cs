using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LibrarianDesk.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChatMessageSystemEvent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SystemEvent",
                table: "ChatMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SystemEvent",
                table: "ChatMessages");
        }
    }
}
