using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

using Scheduling.Application.Common.Results;

namespace Scheduling.Web.Controllers;

/// <summary>How an expected failure from a use case is shown: field messages, or a 404/409 page.</summary>
public static class ResultExtensions
{
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

    /// <summary>A plain page for failures that are not about a form field.</summary>
    public static IActionResult ErrorPage(this Controller controller, Error error) => error.Kind switch
    {
        ErrorKind.NotFound => controller.NotFound(),
        ErrorKind.Conflict => controller.StatusCodeView(StatusCodes.Status409Conflict, error.Message),
        _ => controller.StatusCodeView(StatusCodes.Status400BadRequest, error.Message),
    };

    private static ViewResult StatusCodeView(this Controller controller, int status, string message)
    {
        controller.Response.StatusCode = status;
        controller.ViewData["Message"] = message;
        return controller.View("~/Views/Shared/Problem.cshtml");
    }
}
