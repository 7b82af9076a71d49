using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using MimeKit;

using Scheduling.Domain.Messaging;
using Scheduling.Infrastructure.Messaging;
using Scheduling.TestSupport;

namespace Scheduling.WebTests.Infrastructure;

/// <summary>A booking's "you are booked" email, sent by the app's own dispatcher to its pickup folder and read back as the patient gets it.</summary>
internal static class PatientEmails
{
    public static async Task<MimeMessage> SendBookedAsync(SchedulingWebFactory factory, BookedAppointment booked)
    {
        var id = await WebApp.WithDbAsync(factory, db => db.OutboxMessages
            .Where(m => m.SubjectId == booked.BookingId && m.Kind == MessageKinds.PatientBooked).Select(m => m.Id).SingleAsync());
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(DispatchOutcome.Sent, await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(id, CancellationToken.None));
        var folder = scope.ServiceProvider.GetRequiredService<MailPickupFolder>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<EmailOptions>>().Value;
        return await MimeMessage.LoadAsync(
            Path.Combine(folder.Path, MailPickupFolder.FileNameFor(OutboxDispatcher.MessageIdFor(id, options))), TestContext.Current.CancellationToken);
    }
}
