using System.Globalization;
using LibrarianDesk.Realtime;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace LibrarianDesk.Hosting;

public static class UserInterfaceServiceCollectionExtensions
{
    /// <summary>Indonesian first, English second.</summary>
    public static readonly CultureInfo[] SupportedCultures = [new("id"), new("en")];

    public static WebApplicationBuilder AddDeskUserInterface(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("id");
            options.SupportedCultures = SupportedCultures;
            options.SupportedUICultures = SupportedCultures;

            // The desk's language is a choice the user makes once and keeps (cookie), not the browser's guess.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DeskNotifier>();
        return builder;
    }
}
