using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hyperfleet.BrowserTests;

/// <summary>The Hypervisors page as the admin drives it: the steps several tests take, whatever hosts are behind.</summary>
public sealed class HypervisorsPage(IPage page)
{
    public IPage Page => page;

    /// <summary>The dialog on top (a confirmation opened over the details, say).</summary>
    public ILocator TopDialog => page.Locator("dialog[open]").Last;

    public ILocator Row(string id) => page.Locator($"tr[data-id='{id}']");

    public ILocator Badge(string id) => Row(id).Locator(".badge");

    /// <summary>Marks the document, so <see cref="AssertSameDocumentAsync"/> proves no reload or navigation happened since.</summary>
    public Task MarkDocumentAsync() => page.EvaluateAsync("() => { window.__sameDocument = true; }");

    public async Task AssertSameDocumentAsync() =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded");

    /// <summary>Opens "Add SSH key" from the page (no hypervisor yet) and fills the host; returns the dialog.</summary>
    public async Task<ILocator> OpenAddSshKeyAsync(string host, int port, string password)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add SSH key", Exact = true }).First.ClickAsync();
        var dialog = TopDialog;
        await dialog.GetByLabel("Host", new() { Exact = true }).FillAsync(host);
        await dialog.GetByLabel("SSH port").FillAsync(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await dialog.GetByLabel("Password").FillAsync(password);
        return dialog;
    }

    /// <summary>Opens the Add form with ID and hostname filled; the caller may fill more, then <see cref="SubmitAddFormAsync"/>.</summary>
    public async Task<ILocator> OpenAddFormAsync(string id, string hostname)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Add hypervisor" }).First.ClickAsync();
        var dialog = TopDialog;
        await dialog.GetByLabel("ID", new() { Exact = true }).FillAsync(id);
        await dialog.GetByLabel("Hostname", new() { Exact = true }).FillAsync(hostname);
        return dialog;
    }

    public static async Task SubmitAddFormAsync(ILocator dialog)
    {
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add hypervisor" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
    }

    public Task ToggleEnabledAsync(string id) =>
        Row(id).GetByRole(AriaRole.Switch, new() { Name = $"Enabled {id}" }).ClickAsync();

    /// <summary>Answers the confirmation on top with its <paramref name="label"/> button.</summary>
    public Task ConfirmAsync(string label) =>
        TopDialog.GetByRole(AriaRole.Button, new() { Name = label, Exact = true }).ClickAsync();

    /// <summary>Force deletes a hypervisor stuck in Deleting from its row, and waits for the row to go.</summary>
    public async Task ForceDeleteAsync(string id)
    {
        await Row(id).GetByRole(AriaRole.Button, new() { Name = "Force delete" }).ClickAsync();
        await ConfirmAsync("Force delete");
        await Expect(Row(id)).ToHaveCountAsync(0);
    }
}
