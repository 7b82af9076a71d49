using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Languages;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// Every message kind, and for the patient's kinds each language's state: the clinic's own text, the
/// built-in one, or none (patients get the English). Staff see at a glance what is missing, and where
/// the clinic changed the English but a translation still has the built-in text.
/// </summary>
public static class ListMessageTemplates
{
    public sealed record Query : IQuery<Result<IReadOnlyList<Row>>>;

    public enum TextState
    {
        /// <summary>The clinic's own text in this language.</summary>
        ClinicText,

        /// <summary>The text that ships with the app.</summary>
        BuiltIn,

        /// <summary>The built-in text, while the clinic has changed the English one since: check the translation says the same.</summary>
        BuiltInWhileEnglishChanged,

        /// <summary>No text in this language: patients who read it get the English.</summary>
        FallsBackToEnglish,
    }

    public sealed record LanguageState(string Language, TextState State, DateTime? UpdatedAtUtc);

    /// <param name="Subject">The English subject (staff read the list in English).</param>
    public sealed record Row(string Kind, MessageAudience Audience, MessageChannel Channel, string Subject, IReadOnlyList<LanguageState> Languages)
    {
        public bool IsCustomized => Languages.Any(l => l.State == TextState.ClinicText);

        public bool NeedsAttention => Languages.Any(l => l.State is TextState.FallsBackToEnglish or TextState.BuiltInWhileEnglishChanged);
    }

    public sealed class Handler(IApplicationDbContext db, PatientTexts texts) : IQueryHandler<Query, Result<IReadOnlyList<Row>>>
    {
        public async ValueTask<Result<IReadOnlyList<Row>>> Handle(Query query, CancellationToken cancellationToken)
        {
            var custom = await db.MessageTemplates.AsNoTracking().ToListAsync(cancellationToken);
            var rows = MessageKinds.All.Select(kind => ToRow(kind, custom.Where(t => t.Kind == kind.Kind).ToList())).ToList();
            return rows;
        }

        private Row ToRow(MessageKindInfo kind, IReadOnlyCollection<MessageTemplate> custom)
        {
            var english = EffectiveTemplates.Resolve(kind, texts, PatientLanguages.English, custom);
            var languages = kind.IsPatientFacing() ? PatientLanguages.Supported : [PatientLanguages.English];
            var states = languages.Select(language =>
            {
                var effective = language == PatientLanguages.English ? english : EffectiveTemplates.Resolve(kind, texts, language, custom);
                var state = effective.FallsBackToEnglish ? TextState.FallsBackToEnglish
                    : effective.IsCustomized ? TextState.ClinicText
                    : language != PatientLanguages.English && english.IsCustomized ? TextState.BuiltInWhileEnglishChanged
                    : TextState.BuiltIn;
                return new LanguageState(language, state, effective.UpdatedAtUtc);
            }).ToList();
            var subject = kind.Audience == MessageAudience.Fragment ? kind.DefaultSubject : english.Subject;
            return new Row(kind.Kind, kind.Audience, kind.Channel, subject, states);
        }
    }
}
