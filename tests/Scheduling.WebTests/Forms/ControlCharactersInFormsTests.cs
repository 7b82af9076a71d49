using System.Net;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Security;
using Scheduling.Domain.Common;
using Scheduling.TestSupport;
using Scheduling.WebTests.Account;
using Scheduling.WebTests.Infrastructure;
using Scheduling.WebTests.Referrals;

namespace Scheduling.WebTests.Forms;

/// <summary>
/// Text pasted with a NUL or another control character comes back with a message next to its field and
/// everything else as typed; nothing is stored until it is gone. (ASP.NET Core's form reader refuses a
/// NUL inside the antiforgery check, which used to end on a bare 400 page with the form lost.)
/// Every other form the app has is posted with a NUL by <c>AuthorizationMatrixTests</c>.
/// </summary>
public sealed class ControlCharactersInFormsTests(WebApp app)
{
    private const string Pasted = "Ann\0Lee";

    [Fact]
    public async Task ANulInTheAccessRequest_ComesBackNextToItsField_WithEveryOtherValueAsTyped_AndNothingStored()
    {
        var email = $"nul-{Guid.NewGuid():N}@outside.test";
        using var doctor = app.CreateClient();
        var form = await doctor.GetAsync("/account/request-access");
        var values = new Dictionary<string, string>
        {
            ["FullName"] = Pasted,
            ["Practice"] = "Outside Oncology",
            ["Npi"] = AccountAdminTests.ValidNpi,
            ["Email"] = email,
            ["Phone"] = "555-0199",
            ["Note"] = "First line\r\nSecond line\u0001",
        };

        var refused = await doctor.SubmitAsync(form, form.FormWithField("Npi"), values);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(KeepableText.Message, refused.FieldMessage("FullName"));
        Assert.Equal(KeepableText.Message, refused.FieldMessage("Note"));
        Assert.Equal("Ann\uFFFDLee", refused.Document.QuerySelector("[name='FullName']")!.GetAttribute("value"));
        Assert.Equal("First line\nSecond line\uFFFD", refused.Document.QuerySelector("textarea[name='Note']")!.TextContent.TrimStart('\n').ReplaceLineEndings("\n"));
        Assert.Equal(email, refused.Document.QuerySelector("[name='Email']")!.GetAttribute("value"));
        Assert.Equal("Outside Oncology", refused.Document.QuerySelector("[name='Practice']")!.GetAttribute("value"));
        Assert.Empty(refused.FieldMessage("Email"));
        Assert.False(await app.WithDbAsync(db => db.AccessRequests.AnyAsync(r => r.Email == email)));

        // Deleting the marked character is all it takes; tab and line breaks are text and stay.
        values["FullName"] = "Ann Lee";
        values["Note"] = "First line\r\nSecond line\twith a tab";
        var sent = await doctor.SubmitAsync(refused, refused.FormWithField("Npi"), values);
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Equal("Ann Lee", await app.WithDbAsync(db => db.AccessRequests.Where(r => r.Email == email).Select(r => r.FullName).SingleAsync()));
    }

    [Fact]
    public async Task ANulInTheReferralForm_ComesBackNextToThePatientsName_WithTheQuestionnaireAsTyped()
    {
        var user = await app.CreateUserAsync(Roles.ReferringPhysician);
        using var doctor = app.CreateClient();
        await doctor.LoginAsync(user);
        var today = app.Factory.Services.GetRequiredService<ClinicTime>().Today(TimeProvider.System);
        var lastName = $"Nul{Guid.NewGuid():N}"[..12];
        var fields = ReferralForms.Fields(TestData.Details(lastName), TestData.EligibleQuestionnaire(today));
        fields["Details.PatientFirstName"] = Pasted;
        var form = await doctor.GetAsync("/referrals/new");

        var refused = await ReferralForms.PressAsync(doctor, form, form.FormWithField("Details.PatientFirstName"), fields, "Intent", "Submit");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(KeepableText.Message, refused.FieldMessage("Details.PatientFirstName"));
        Assert.Equal("Ann\uFFFDLee", refused.Document.QuerySelector("[name='Details.PatientFirstName']")!.GetAttribute("value"));
        Assert.Equal(lastName, refused.Document.QuerySelector("[name='Details.PatientLastName']")!.GetAttribute("value"));
        Assert.Equal(fields["Questionnaire.BilirubinMgDl"], refused.Document.QuerySelector("[name='Questionnaire.BilirubinMgDl']")!.GetAttribute("value"));
        Assert.False(await app.WithDbAsync(db => db.Referrals.AnyAsync(r => r.PatientLastName == lastName)));
    }
}
