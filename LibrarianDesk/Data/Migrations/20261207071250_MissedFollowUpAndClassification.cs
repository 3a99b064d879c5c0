using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LibrarianDesk.Data.Migrations
{
    /// <inheritdoc />
    public partial class MissedFollowUpAndClassification : Migration
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

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Analytics",
                table: "Conversations",
                columns: new[] { "StartedAt", "OwnerId", "QuestionTypeId", "Membership", "Status", "FirstResponseAt", "Rating", "ReadScale", "FollowedUpAt", "WaitSeconds", "WaitServiceSeconds", "FirstResponseSeconds", "FirstResponseServiceSeconds", "DurationSeconds", "DurationServiceSeconds" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_FollowedUpById",
                table: "Conversations",
                column: "FollowedUpById");

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

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Analytics",
                table: "Conversations",
                columns: new[] { "StartedAt", "OwnerId", "QuestionTypeId", "Membership", "Status", "FirstResponseAt", "Rating", "ReadScale", "WaitSeconds", "WaitServiceSeconds", "FirstResponseSeconds", "FirstResponseServiceSeconds", "DurationSeconds", "DurationServiceSeconds" });
        }
    }
}
