using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using MimeKit;

using Scheduling.Application.Common.Security;
using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;
using Scheduling.Infrastructure.Identity;
using Scheduling.Infrastructure.Messaging;
using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Production;

/// <summary>Pages and emails follow Clinic:Culture (en-US), never the culture of the process serving them.</summary>
public sealed partial class ClinicCultureTests : IAsyncLifetime
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private SchedulingWebFactory? _factory;

    public async ValueTask InitializeAsync()
    {
        _factory = await WebApp.StartAsync(SqliteTestDatabase.Create(), builder =>
            builder.UseSetting("RateLimits:PatientLinkPerMinute", "1000"));

        // Requests then run under the calling test's culture, as a server process runs under LANG.
        _factory.Server.PreserveExecutionContext = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            await _factory.Database.DisposeAsync();
        }
    }

    [Fact]
    public async Task UnderAGermanProcessCulture_PagesAndEmailsReadExactlyAsUnderEnglish()
    {
        var factory = _factory!;
        var booked = await TestData.BookAsync(factory.Services, DateTime.UtcNow.Date.AddDays(45).AddHours(15));
        var scheduler = await WebApp.CreateUserAsync(factory, Roles.Scheduler);
        var local = factory.Services.GetRequiredService<ClinicTime>().ToLocal(
            await WebApp.WithDbAsync(factory, db => db.Slots.Where(s => s.Id == booked.SlotId).Select(s => s.StartUtc).SingleAsync()));

        string mail;
        using (Culture(German))
        {
            mail = await PatientEmailTextAsync(factory, booked);
        }

        Assert.Contains(local.ToString("dddd, MMMM d, yyyy", English), mail, StringComparison.Ordinal);
        Assert.Contains(local.ToString("h:mm tt", English), mail, StringComparison.Ordinal);
        Assert.DoesNotMatch($@"\b{German.DateTimeFormat.GetDayName(local.DayOfWeek)}\b", mail);
        Assert.DoesNotMatch($@"\b{German.DateTimeFormat.GetMonthName(local.Month)}\b", mail);

        var link = new Uri(LinkPattern().Match(mail).Value).AbsolutePath;
        var pages = new[] { link, $"/staff/referrals/{booked.ReferralId}", $"/scheduling/bookings/{booked.BookingId}", $"/scheduling/calendar?week={DateOnly.FromDateTime(local):yyyy-MM-dd}" };
        foreach (var page in pages)
        {
            string english, german;
            using (Culture(English))
            {
                english = await GetAsync(factory, scheduler, page);
            }

            using (Culture(German))
            {
                german = await GetAsync(factory, scheduler, page);
            }

            Assert.Equal(english, german);
            Assert.DoesNotContain(German.DateTimeFormat.GetAbbreviatedDayName(local.DayOfWeek) + " ", german, StringComparison.Ordinal);
        }
    }

    private static async Task<string> GetAsync(SchedulingWebFactory factory, TestUser user, string path)
    {
        using var browser = new BrowserClient(factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri("https://localhost"),
        }));
        if (!path.StartsWith("/p/", StringComparison.Ordinal))
        {
            await browser.LoginAsync(user);
        }

        var page = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.Status);

        // Antiforgery tokens differ on every render; everything else must be the same.
        return Token().Replace(page.Body, "value=\"token\"");
    }

    private static async Task<string> PatientEmailTextAsync(SchedulingWebFactory factory, BookedAppointment booked)
    {
        using var mail = await PatientEmails.SendBookedAsync(factory, booked);
        return mail.Subject + "\n" + mail.TextBody + "\n" + mail.HtmlBody;
    }

    /// <summary>Runs the enclosed code (and the in-process app it calls) under the given process culture.</summary>
    private static CultureScope Culture(CultureInfo culture) => new(culture);

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(CultureInfo culture)
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }

    [GeneratedRegex(@"https?://[^\s""<]+/p/[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
    private static partial Regex Token();
}
