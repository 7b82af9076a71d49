using Microsoft.AspNetCore;

using OpenIddict.Server;

using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Scheduling.Web.Fhir;

/// <summary>
/// SMART Backend Services has clients put <c>"typ": "JWT"</c> in their assertions' header, and many
/// client libraries put none; OpenIddict 7 accepts only the explicit
/// <c>client-authentication+jwt</c> of the RFC 7523 update (its issue #2539 left that unchanged). For a
/// token request's client assertion, and nothing else, this accepts all three and reports the
/// assertion as a client assertion; every other check (signature by a registered key, issuer,
/// lifetime, and <see cref="ClientAssertionRules"/>) still applies. It also lets the token endpoint's
/// URL be the audience, as SMART requires.
/// </summary>
public sealed class SmartAssertionType : IOpenIddictServerHandler<ValidateTokenContext>
{
    public const string ExplicitType = "client-authentication+jwt";

    private static readonly HashSet<string> Accepted = new(StringComparer.OrdinalIgnoreCase)
    {
        "JWT", "application/jwt", ExplicitType, "application/" + ExplicitType,
    };

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<SmartAssertionType>()
            .SetOrder(OpenIddictServerHandlers.Protection.ResolveTokenValidationParameters.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.ValidTokenTypes.Count == 1 && context.ValidTokenTypes.Contains(TokenTypeIdentifiers.Private.ClientAssertion))
        {
            var parameters = context.TokenValidationParameters.Clone();
            parameters.TypeValidator = (type, _, _) => type is null || type.Length == 0 || Accepted.Contains(type)
                ? ExplicitType
                : throw new Microsoft.IdentityModel.Tokens.SecurityTokenInvalidTypeException($"A client assertion's typ must be JWT or {ExplicitType}, not {type}.");
            context.TokenValidationParameters = parameters;

            // SMART (and OpenID Connect Core) name the token endpoint as the audience; OpenIddict's
            // generic check knows only the issuer. ClientAssertionRules then insists on the endpoint.
            if (context.Transaction.GetHttpRequest() is { } request)
            {
                context.ValidAudiences.Add($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}");
            }
        }

        return default;
    }
}
