// Browser smoke test: open a notebook in a running JupyterLab with headless Chromium, run all
// cells, and check that a student would see a rendered Markdown answer and an inline SVG plot.
// Then open a throw-away notebook whose middle cell panics: Run All must stop there, as it does
// for a Python exception (the cell shows the error, the cell after it never runs).
// Every screenshot NAME.png gets page_NAME.txt beside it, the page's whole text, which
// crates/xtask/src/browser.rs scans for API keys (this script is never given a key).
// Started by `cargo xtask test` (crates/xtask/src/browser.rs), which starts JupyterLab and passes:
//   LAB_URL, LAB_TOKEN, NOTEBOOK and FAILING_NOTEBOOK (paths under the Lab root), SCREENSHOT_DIR,
//   CHROMIUM (the Chromium or Chrome binary)
import { chromium } from 'playwright-core';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (this script is run by cargo xtask test)`);
  return value;
};
const labUrl = env('LAB_URL');
const token = env('LAB_TOKEN');
const notebook = env('NOTEBOOK');
const failingNotebook = env('FAILING_NOTEBOOK');
const screenshotDir = env('SCREENSHOT_DIR');
const chromiumPath = env('CHROMIUM');
const RUN_LIMIT_MS = 15 * 60 * 1000;

// The flags this machine's Chromium needs; Playwright adds --headless and the fresh profile dir.
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const log = (message) => console.log(`    [browser] ${message}`);

// The notebook panel the test works on. JupyterLab keeps every opened notebook in the page (the
// workspace reopens the first when the second is opened), so every locator is scoped to this one.
let current = '.jp-NotebookPanel';

async function screenshot(page, name) {
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path });
  writeFileSync(join(screenshotDir, `page_${name}.txt`), await page.locator('body').innerText());
  return path;
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function failIfDialog(page) {
  const dialog = page.locator('.jp-Dialog');
  if (await dialog.count()) {
    throw new Error(`JupyterLab shows a dialog: ${(await dialog.first().innerText()).replace(/\s+/g, ' ')}`);
  }
}

async function waitForIdleKernel(page) {
  const indicator = page.locator(`${current} .jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator`);
  const started = Date.now();
  while (Date.now() - started < 120_000) {
    await failIfDialog(page);
    const kernelName = await page.locator(`${current} .jp-NotebookPanel-toolbar .jp-KernelName`).first().innerText().catch(() => '');
    const status = await indicator.first().getAttribute('data-status').catch(() => null);
    if (kernelName.includes('Rust') && status === 'idle') return;
    await sleep(500);
  }
  throw new Error('the Rust kernel did not become idle within 120 s (is the rust kernelspec installed?)');
}

async function cellStates(page) {
  return page.locator(`${current} .jp-Notebook .jp-CodeCell`).evaluateAll((cells) =>
    cells.map((cell) => ({
      prompt: (cell.querySelector('.jp-InputArea-prompt')?.textContent ?? '').trim(),
      empty: (cell.querySelector('.jp-InputArea-editor')?.textContent ?? '').trim() === '',
    })));
}

// Run All, then the cells that ran and the ones it left: a failing cell stops Run All.
async function runAllAndWait(page, { stopsAtFailure = false } = {}) {
  // JupyterLab's own commands, as in the Edit and Run menus (JupyterLab is started with
  // expose_app_in_browser, which provides window.jupyterapp). Clearing first resets every prompt to
  // [ ], so a number next to a cell means it ran now. Run All is not awaited, to report progress.
  await page.evaluate(() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs'));
  await page.evaluate(() => {
    window.smokeRunAllDone = false;
    window.jupyterapp.commands
      .execute('notebook:run-all-cells')
      .finally(() => { window.smokeRunAllDone = true; });
  });
  const started = Date.now();
  let lastReport = 0;
  let quietPolls = 0;
  while (Date.now() - started < RUN_LIMIT_MS) {
    await sleep(1000);
    await failIfDialog(page);
    const cells = await cellStates(page);
    const done = cells.filter((c) => /\[\d+\]/.test(c.prompt)).length;
    const running = cells.some((c) => c.prompt.includes('*'));
    if (Date.now() - lastReport > 15_000) {
      log(`${done}/${cells.length} code cells done after ${Math.round((Date.now() - started) / 1000)} s`);
      lastReport = Date.now();
    }
    const finished = await page.evaluate(() => window.smokeRunAllDone);
    quietPolls = running || !finished ? 0 : quietPolls + 1;
    if (quietPolls >= 2) {
      const skipped = cells.map((c, i) => ({ ...c, i })).filter((c) => !c.empty && !/\[\d+\]/.test(c.prompt));
      if (stopsAtFailure) return { seconds: (Date.now() - started) / 1000, cells, skipped };
      if (skipped.length) {
        throw new Error(`code cells ${skipped.map((c) => c.i).join(', ')} did not run (an earlier cell failed?)`);
      }
      return { seconds: (Date.now() - started) / 1000, cells, skipped };
    }
  }
  throw new Error(`Run All did not finish within ${RUN_LIMIT_MS / 60000} minutes`);
}

async function openNotebook(page, path) {
  const url = `${labUrl}/lab/tree/${encodeURI(path)}?token=${token}`;
  log(`opening ${url.replace(token, '<token>')}`);
  await page.goto(url);
  // Mark the panel JupyterLab shows for this path, and scope every later locator to it.
  await page.waitForFunction((p) => window.jupyterapp?.shell.currentWidget?.context?.path === p, path);
  await page.evaluate((p) => { window.jupyterapp.shell.currentWidget.node.dataset.smokePath = p; }, path);
  current = `.jp-NotebookPanel[data-smoke-path="${path}"]`;
  await page.locator(`${current} .jp-Notebook .jp-Cell`).first().waitFor();
  await waitForIdleKernel(page);
}

// The throw-away notebook: cell 0 sets a variable, cell 1 panics, cell 2 prints.
async function runAllStopsAtTheFailingCell(page) {
  await openNotebook(page, failingNotebook);
  log(`kernel Rust is idle; Run All Cells on ${failingNotebook}`);
  const { cells, skipped } = await runAllAndWait(page, { stopsAtFailure: true });
  const ran = cells.map((c) => /\[\d+\]/.test(c.prompt));
  if (!(ran[0] && ran[1])) throw new Error(`the cells before and at the failure did not run: ${JSON.stringify(cells)}`);
  if (skipped.length !== 1 || skipped[0].i !== 2) {
    throw new Error(`Run All did not stop at the failing cell (cells left: ${JSON.stringify(skipped)})`);
  }
  const failing = page.locator(`${current} .jp-Notebook .jp-CodeCell`).nth(1);
  const errorText = await failing.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').allInnerTexts();
  if (!errorText.join('\n').includes('index out of bounds')) {
    throw new Error(`the failing cell does not show the panic's message: ${JSON.stringify(errorText)}`);
  }
  await failing.scrollIntoViewIfNeeded();
  log(`Run All stopped at the failing cell; screenshot ${await screenshot(page, 'failing_cell')}`);
}

async function main() {
  // Inside the checkout, not /tmp: Ubuntu's snap Chromium cannot see the host's /tmp.
  const profile = join(screenshotDir, 'chromium-profile');
  rmSync(profile, { recursive: true, force: true });
  mkdirSync(profile, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1400, height: 1000 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(60_000);
    await openNotebook(page, notebook);
    log('kernel Rust is idle; Run All Cells');
    const { seconds } = await runAllAndWait(page);
    log(`all cells ran in ${seconds.toFixed(1)} s`);

    const outputs = page.locator(`${current} .jp-CodeCell .jp-OutputArea`);
    const outputText = (await outputs.allInnerTexts()).join('\n');
    for (const marker of ['panicked at', 'error[E', 'could not compile']) {
      if (outputText.includes(marker)) throw new Error(`an output on the page contains "${marker}"`);
    }
    const answers = page.locator(`${current} .jp-CodeCell .jp-OutputArea .jp-RenderedMarkdown`);
    const answerTexts = (await answers.allInnerTexts()).filter((t) => t.trim().length > 0);
    if (answerTexts.length === 0) throw new Error('no rendered Markdown answer in any output');
    log(`${answerTexts.length} rendered Markdown outputs; first starts: ${answerTexts[0].slice(0, 80).replace(/\s+/g, ' ')}`);
    await answers.first().scrollIntoViewIfNeeded();
    await screenshot(page, 'answer');

    const plots = page.locator(`${current} .jp-CodeCell .jp-OutputArea .jp-RenderedSVG`).locator('img, svg');
    const plotCount = await plots.count();
    if (plotCount === 0) throw new Error('no inline SVG plot in any output');
    await plots.first().scrollIntoViewIfNeeded();
    const drawn = await plots.first().evaluate((el) => el.tagName !== 'IMG' || (el.complete && el.naturalWidth > 0));
    if (!drawn) throw new Error('the SVG plot is on the page but the browser could not draw it');
    log(`${plotCount} inline SVG plots`);
    await screenshot(page, 'plot');
    log(`screenshots: ${join(screenshotDir, 'answer.png')}, ${join(screenshotDir, 'plot.png')}`);
    await runAllStopsAtTheFailingCell(page);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`    [browser] FAILED: ${error.message}`);
  process.exit(1);
});
