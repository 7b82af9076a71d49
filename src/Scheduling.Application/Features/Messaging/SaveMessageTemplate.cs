using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

/// <summary>Saves the clinic's text for a message kind in one language (<see cref="PreviewMessageTemplate"/> previews it without saving).</summary>
public static class SaveMessageTemplate
{
    public sealed record Command(string Kind, string? Subject, string? Body, string Language = PatientLanguages.English) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => TemplateRules.Apply(this, c => c.Kind, c => c.Language, c => c.Subject, c => c.Body);
    }

    public sealed class Handler(IApplicationDbContext db, IAuditLog audit, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var existing = await db.MessageTemplates.SingleOrDefaultAsync(t => t.Kind == command.Kind && t.Language == command.Language, cancellationToken);
            var subject = command.Subject ?? string.Empty;
            if (existing is null)
            {
                existing = MessageTemplate.Create(command.Kind, command.Language, subject, command.Body!, now);
                db.MessageTemplates.Add(existing);
            }
            else
            {
                existing.Update(subject, command.Body!, now);
            }

            audit.Record("MessageTemplateSaved", nameof(MessageTemplate), existing.Id, $"{command.Kind} ({command.Language})");
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }
    }

    /// <summary>The rules for a template's text, shared with <see cref="PreviewMessageTemplate"/>.</summary>
    internal static class TemplateRules
    {
        public static void Apply<T>(
            AbstractValidator<T> validator,
            System.Linq.Expressions.Expression<Func<T, string>> kind,
            System.Linq.Expressions.Expression<Func<T, string>> language,
            System.Linq.Expressions.Expression<Func<T, string?>> subject,
            System.Linq.Expressions.Expression<Func<T, string?>> body)
        {
            var kindOf = kind.Compile();
            validator.RuleFor(kind).Must(k => MessageKinds.Find(k) is not null).WithMessage("There is no such message kind.");
            validator.RuleFor(language).Must((m, l) => MessageKinds.Find(kindOf(m)) is null || TemplateLanguages.IsOffered(kindOf(m), l))
                .WithMessage("This message is not written in that language.");
            validator.RuleFor(subject)
                .Must((m, s) => !HasSubject(kindOf(m)) || !string.IsNullOrWhiteSpace(s))
                .WithMessage("Enter a subject line.")
                .MaximumLength(MessageTemplate.SubjectMaxLength).WithMessage($"The subject can be at most {MessageTemplate.SubjectMaxLength} characters.")
                .Must((m, s) => Unknown(kindOf(m), s).Count == 0)
                .WithMessage((m, s) => UnknownMessage(Unknown(kindOf(m), s)));
            validator.RuleFor(body)
                .Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage("Enter the message text.")
                .MaximumLength(MessageTemplate.BodyMaxLength).WithMessage($"The text can be at most {MessageTemplate.BodyMaxLength} characters.")
                .Must((m, b) => Unknown(kindOf(m), b).Count == 0)
                .WithMessage((m, b) => UnknownMessage(Unknown(kindOf(m), b)));
        }

        /// <summary>Fragments and text messages have no subject line.</summary>
        private static bool HasSubject(string kind) =>
            MessageKinds.Find(kind) is { } info && info.Audience != MessageAudience.Fragment && info.Channel == MessageChannel.Email;

        private static IReadOnlyList<string> Unknown(string kind, string? text) =>
            text is null || MessageKinds.Find(kind) is not { } info ? [] : TemplateText.UnknownPlaceholders(text, info.Placeholders);

        private static string UnknownMessage(IReadOnlyList<string> unknown) =>
            $"Unknown placeholder{(unknown.Count == 1 ? string.Empty : "s")}: {string.Join(", ", unknown.Select(u => "{{" + u + "}}"))}. Use only the ones listed.";
    }
}
