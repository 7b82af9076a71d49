using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Languages;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

/// <summary>The text a kind is sent with in one language (the English one when that language has none, which it says).</summary>
public static class GetMessageTemplate
{
    public sealed record Query(string Kind, string Language = PatientLanguages.English) : IQuery<Result<EffectiveTemplate>>;

    public sealed class Handler(IApplicationDbContext db, PatientTexts texts) : IQueryHandler<Query, Result<EffectiveTemplate>>
    {
        public async ValueTask<Result<EffectiveTemplate>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!TemplateLanguages.IsOffered(query.Kind, query.Language))
            {
                return Error.NotFound("There is no such message kind in this language.");
            }

            return await EffectiveTemplates.GetAsync(db, texts, query.Kind, query.Language, cancellationToken) is { } template
                ? template
                : Error.NotFound("There is no such message kind.");
        }
    }
}

/// <summary>Which languages a kind's text can be written in: every patient language for the patient's kinds, English for staff's.</summary>
public static class TemplateLanguages
{
    public static IReadOnlyList<string> For(MessageKindInfo kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind.IsPatientFacing() ? PatientLanguages.Supported : [PatientLanguages.English];
    }

    public static bool IsOffered(string kind, string? language) =>
        MessageKinds.Find(kind) is { } info && language is not null && For(info).Contains(language);
}
