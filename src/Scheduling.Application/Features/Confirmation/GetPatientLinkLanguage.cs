using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Features.Messaging;

namespace Scheduling.Application.Features.Confirmation;

/// <summary>
/// Which language the pages behind a patient link speak (<see cref="PatientLinks.LanguageOfAsync"/>):
/// the patient's, even when the link no longer works; null for a token that never existed.
/// </summary>
public static class GetPatientLinkLanguage
{
    public sealed record Query(string? Token) : IQuery<string?>;

    public sealed class Handler(IApplicationDbContext db) : IQueryHandler<Query, string?>
    {
        public async ValueTask<string?> Handle(Query query, CancellationToken cancellationToken) =>
            await PatientLinks.LanguageOfAsync(db, query.Token, cancellationToken);
    }
}
