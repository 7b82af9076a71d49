using Microsoft.Playwright;

namespace Scheduling.BrowserTests;

/// <summary>
/// The staff bar with the most entries (an administrator's: the schedulers' pages, Admin and Account)
/// stays on one line at 1280 px, and below the wide breakpoint it folds behind the menu button, opens
/// with it (Bootstrap's script, no inline code under the strict CSP) and fits the width; the start page
/// has no axe violation at either width.
/// </summary>
public sealed class NavigationInTheBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task TheStaffBar_IsOneLineAt1280_AndFoldsBehindTheMenuButtonAt800And375()
    {
        await using var session = await app.NewSessionAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(1280, 800);
        await session.SignInAsync("admin@clinic.test");
        await BrowserApp.OpenAsync(page, "/");

        await Assertions.Expect(page.Locator(".navbar-toggler")).ToBeHiddenAsync();
        var tops = await page.Locator("#main-nav .navbar-nav > .nav-item").EvaluateAllAsync<double[]>(
            "items => items.map(i => Math.round(i.getBoundingClientRect().top))");
        Assert.True(tops.Length >= 9, $"Only {tops.Length} entries in the bar.");
        Assert.True(tops.Distinct().Count() == 1, "The bar wraps at 1280 px: entries start at " + string.Join(", ", tops));
        var brandTop = await page.Locator(".navbar-brand").EvaluateAsync<double>("b => b.getBoundingClientRect().top");
        var linkHeights = await page.Locator("#main-nav .navbar-nav > .nav-item > .nav-link").EvaluateAllAsync<double[]>(
            "links => links.map(l => Math.round(l.getBoundingClientRect().height))");
        Assert.True(linkHeights.Distinct().Count() == 1, "An entry's words wrap at 1280 px: heights " + string.Join(", ", linkHeights));
        var barHeight = await page.Locator("nav.navbar").EvaluateAsync<double>("n => n.getBoundingClientRect().height");
        Assert.True(barHeight < 80, $"The bar is {barHeight} px tall at 1280 px (brand at {brandTop}).");
        Assert.Empty(await Axe.ViolationsAsync(page, "start page at 1280 px"));

        foreach (var width in new[] { 800, 375 })
        {
            await page.SetViewportSizeAsync(width, 800);
            var toggler = page.Locator(".navbar-toggler");
            await Assertions.Expect(toggler).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#main-nav")).ToBeHiddenAsync();
            await toggler.ClickAsync();
            await Assertions.Expect(toggler).ToHaveAttributeAsync("aria-expanded", "true");
            // Opened when Bootstrap's transition has ended (a click while "collapsing" is ignored).
            await Assertions.Expect(page.Locator("#main-nav")).ToHaveClassAsync("navbar-collapse collapse show");
            var bookings = page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "Bookings", Exact = true });
            await Assertions.Expect(bookings).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"At {width} px the page is {overflow} px wider than the window.");
            var widest = await page.Locator("#main-nav .nav-link").EvaluateAllAsync<double>(
                "links => Math.max(...links.map(l => l.getBoundingClientRect().right))");
            Assert.True(widest <= width, $"At {width} px a menu entry reaches {widest} px.");
            if (width == 375)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Account" }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
                Assert.Empty(await Axe.ViolationsAsync(page, "start page at 375 px, menu open"));
            }

            await toggler.ClickAsync();
            await Assertions.Expect(page.Locator("#main-nav")).ToBeHiddenAsync();
        }

        Assert.Empty(session.CspViolations);
    }
}
