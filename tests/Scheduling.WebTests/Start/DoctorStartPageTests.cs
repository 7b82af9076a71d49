using System.Net;

using Scheduling.Application.Common.Security;
using Scheduling.Domain.Referrals;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Start;

/// <summary>
/// A referring doctor's start page on the shared app: the doctor's own referrals waiting on them
/// (information requested, declined lately, drafts), counted and linked, read through the real sign-in
/// form; another doctor's referrals are never counted.
/// </summary>
public sealed class DoctorStartPageTests(WebApp app)
{
    private static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task Doctor_SeesTheirOwnReferralsWaitingOnThem_CountedAndLinked_AndNoOtherDoctorsReferrals()
    {
        var doctor = await WebApp.CreateUserAsync(app.Factory, Roles.ReferringPhysician);
        var other = await WebApp.CreateUserAsync(app.Factory, Roles.ReferringPhysician);
        using var browser = WebApp.CreateClient(app.Factory);

        var empty = await browser.LoginAsync(doctor);
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Equal("Welcome, Test ReferringPhysician", empty.Document.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("Nothing waits for you", empty.Document.QuerySelector("#doctor-nothing-waits")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(empty.Document.QuerySelector("#doctor-start a[href='/referrals/new']"));

        var asked = new[] { await AddAsync(doctor.Id, "Asked1", r => r.RequestInformation("Send the latest CT.", Now, "Dr R")), await AddAsync(doctor.Id, "Asked2", r => r.RequestInformation("Send labs.", Now.AddHours(-1), "Dr R")) };
        var declined = await AddAsync(doctor.Id, "Declined1", r => r.Decline("Portal vein thrombosis.", Now.AddDays(-2), "Dr R"));
        await AddAsync(doctor.Id, "DeclinedLongAgo", r => r.Decline("Too old to show.", Now.AddDays(-45), "Dr R"));
        var draft = await AddAsync(doctor.Id, "Draft1", submit: false);
        await AddAsync(doctor.Id, "InReview", r => { });
        await AddAsync(other.Id, "OtherAsked", r => r.RequestInformation("Not yours.", Now, "Dr R"));
        await AddAsync(other.Id, "OtherDraft", submit: false);
        await AddAsync(other.Id, "OtherDeclined", r => r.Decline("Not yours.", Now, "Dr R"));

        var start = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, start.Status);
        Assert.Null(start.Document.QuerySelector("#doctor-nothing-waits"));
        Assert.Equal("2", Count(start, "information-requested"));
        Assert.Equal("1", Count(start, "declined"));
        Assert.Equal("1", Count(start, "drafts"));
        Assert.Equal(asked.Select(id => $"/referrals/{id}/edit").Order(), Links(start, "information-requested").Order());
        Assert.Equal([$"/referrals/{declined}"], Links(start, "declined"));
        Assert.Equal([$"/referrals/{draft}/edit"], Links(start, "drafts"));
        var text = start.Document.QuerySelector("main")!.TextContent;
        Assert.DoesNotContain("Other", text, StringComparison.Ordinal);
        Assert.DoesNotContain("DeclinedLongAgo", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InReview", text, StringComparison.Ordinal);
        Assert.Null(start.Document.QuerySelector("#review-start"));
        Assert.Null(start.Document.QuerySelector("#ready-start"));

        // Each link opens the referral for this doctor (edit for information requested and drafts).
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/referrals/{asked[0]}/edit")).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/referrals/{declined}")).Status);
    }

    private static string? Count(Page page, string group) =>
        page.Document.QuerySelector($"#{group} [data-count]")?.TextContent;

    private static List<string> Links(Page page, string group) =>
        page.Document.QuerySelectorAll($"ul[aria-labelledby='{group}'] a").Select(a => a.GetAttribute("href")!).ToList();

    private Task<Guid> AddAsync(string doctorId, string lastName, Action<Referral>? then = null, bool submit = true) =>
        StartData.AddReferralAsync(app.Factory, doctorId, lastName, then, submit);
}
