using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LibrarianDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReadMarksTransferLinesFollowUps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_Analytics",
                table: "Conversations");

            migrationBuilder.AddColumn<long>(
                name: "FollowedUpAt",
                table: "Conversations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FollowedUpById",
                table: "Conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SystemEvent",
                table: "ChatMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "ConversationReadMarks",
                columns: table => new
                {
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LibrarianId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    LastReadSequence = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationReadMarks", x => new { x.ConversationId, x.LibrarianId });
                    table.ForeignKey(
                        name: "FK_ConversationReadMarks_AspNetUsers_LibrarianId",
                        column: x => x.LibrarianId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConversationReadMarks_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Analytics",
                table: "Conversations",
                columns: new[] { "StartedAt", "OwnerId", "QuestionTypeId", "Membership", "Status", "FirstResponseAt", "Rating", "ReadScale", "FollowedUpAt", "WaitSeconds", "WaitServiceSeconds", "FirstResponseSeconds", "FirstResponseServiceSeconds", "DurationSeconds", "DurationServiceSeconds" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_FollowedUpById",
                table: "Conversations",
                column: "FollowedUpById");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationReadMarks_LibrarianId",
                table: "ConversationReadMarks",
                column: "LibrarianId");

            migrationBuilder.AddForeignKey(
                name: "FK_Conversations_AspNetUsers_FollowedUpById",
                table: "Conversations",
                column: "FollowedUpById",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Conversations_AspNetUsers_FollowedUpById",
                table: "Conversations");

            migrationBuilder.DropTable(
                name: "ConversationReadMarks");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_Analytics",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_FollowedUpById",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "FollowedUpAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "FollowedUpById",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "SystemEvent",
                table: "ChatMessages");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Analytics",
                table: "Conversations",
                columns: new[] { "StartedAt", "OwnerId", "QuestionTypeId", "Membership", "Status", "FirstResponseAt", "Rating", "ReadScale", "WaitSeconds", "WaitServiceSeconds", "FirstResponseSeconds", "FirstResponseServiceSeconds", "DurationSeconds", "DurationServiceSeconds" });
        }
    }
}
