using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LibrarianDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChatAttachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Attachment_FileName",
                table: "ChatMessages",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Attachment_Id",
                table: "ChatMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Attachment_Kind",
                table: "ChatMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Attachment_Length",
                table: "ChatMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Attachment_Removed",
                table: "ChatMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AttachmentContents",
                columns: table => new
                {
                    AttachmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttachmentContents", x => x.AttachmentId);
                    table.ForeignKey(
                        name: "FK_AttachmentContents_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChatMessages_Attachment_Id",
                table: "ChatMessages",
                column: "Attachment_Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AttachmentContents_ConversationId",
                table: "AttachmentContents",
                column: "ConversationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AttachmentContents");

            migrationBuilder.DropIndex(
                name: "IX_ChatMessages_Attachment_Id",
                table: "ChatMessages");

            migrationBuilder.DropColumn(
                name: "Attachment_FileName",
                table: "ChatMessages");

            migrationBuilder.DropColumn(
                name: "Attachment_Id",
                table: "ChatMessages");

            migrationBuilder.DropColumn(
                name: "Attachment_Kind",
                table: "ChatMessages");

            migrationBuilder.DropColumn(
                name: "Attachment_Length",
                table: "ChatMessages");

            migrationBuilder.DropColumn(
                name: "Attachment_Removed",
                table: "ChatMessages");
        }
    }
}
