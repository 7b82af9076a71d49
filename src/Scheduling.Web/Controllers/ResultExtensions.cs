using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

using Scheduling.Application.Common.Results;

namespace Scheduling.Web.Controllers;

/// <summary>
/// How an expected failure from a use case is shown: field messages, or a 404/409 page, and the one
/// mapping from a failure to its HTTP status (refused input 422, changed record 409, not found 404).
/// Controllers set no status code themselves; they say what the page shows and this decides.
/// </summary>
public static class ResultExtensions
{
    /// <summary>The HTTP status of each kind of expected failure.</summary>
    public static int HttpStatus(this ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "An error kind without an HTTP status."),
    };

    /// <summary>The page shows this failure (a form again with its messages, or a message page): its status goes with it.</summary>
    public static ViewResult WithStatusOf(this ViewResult view, ErrorKind kind)
    {
        view.StatusCode = kind.HttpStatus();
        return view;
    }

    /// <summary>As <see cref="WithStatusOf(ViewResult, ErrorKind)"/>; no error means the page is an ordinary 200.</summary>
    public static ViewResult WithStatusOf(this ViewResult view, Error? error) =>
        error is null ? view : view.WithStatusOf(error.Kind);

    /// <summary>A form shown again because its input was refused (ModelState holds the messages): 422.</summary>
    public static ViewResult Refused(this ViewResult view) => view.WithStatusOf(ErrorKind.Validation);

    /// <summary>As <see cref="Refused(ViewResult)"/> for a page that may instead be an error page, which keeps its own status.</summary>
    public static IActionResult Refused(this IActionResult result) => result is ViewResult view ? view.Refused() : result;

    /// <summary>A signed-in user asked for a page their role does not open: 403.</summary>
    public static ViewResult Forbidden(this ViewResult view)
    {
        view.StatusCode = StatusCodes.Status403Forbidden;
        return view;
    }

    /// <summary>Copies field errors into ModelState (prefixing view-model names when needed).</summary>
    public static void AddErrors(this ModelStateDictionary modelState, Error error, string prefix = "")
    {
        if (error.FieldErrors.Count == 0)
        {
            modelState.AddModelError(string.Empty, error.Message);
            return;
        }

        foreach (var (field, messages) in error.FieldErrors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(prefix + field, message);
            }
        }
    }

    /// <summary>
    /// The page for a result: <paramref name="page"/> with its value, or the error page for a refusal.
    /// Every read of a use case's value goes through <see cref="Result{T}.Failed"/>, here or in the
    /// controller, so a refusal is a 404/409/422 page and never a 500.
    /// </summary>
    public static IActionResult Render<T>(this Controller controller, Result<T> result, Func<T, IActionResult> page) =>
        result.Failed(out var error, out var value) ? controller.ErrorPage(error) : page(value);

    /// <summary>A plain page for failures that are not about a form field.</summary>
    public static IActionResult ErrorPage(this Controller controller, Error error)
    {
        if (error.Kind == ErrorKind.NotFound)
        {
            return controller.NotFound();
        }

        controller.ViewData["Message"] = error.Message;
        return controller.View("~/Views/Shared/Problem.cshtml").WithStatusOf(error);
    }
}
