using System.Text;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Shared.Staff;

namespace LibrarianDesk.Features.Scheduling;

public static class ServiceHoursEndpoints
{
    public static IEndpointRouteBuilder MapServiceHoursEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/service-hours/holidays.csv", async (int? year, ServiceHoursStore store) =>
            {
                var schedule = await store.GetAsync();
                var holidays = schedule.Holidays.Where(h => year is null || h.Date.Year == year);
                var fileName = year is null ? "holidays.csv" : $"holidays-{year}.csv";
                return Results.File(Encoding.UTF8.GetBytes(HolidayCsv.Write(holidays)), "text/csv; charset=utf-8", fileName);
            })
            .RequireStaff(DeskRoles.Supervisor);
        return endpoints;
    }
}
