'use strict';
// End-to-end test of the Happy3 sandbox in a real browser: Debian's headless Chromium driven by playwright-core
// (Playwright's own browser download is not needed). Starts `java -jar target/happy3.jar serve` on a fresh
// embedded database and a free port, then plays the README's story: a customer reports a problem, time moves
// 10 minutes, the agent answers the first-response nudge with "On it", claims a fix, the customer says it works,
// +3 days brings the follow-up, the lead runs /review and sees the verified resolution. Screenshots go to
// target/sandbox-screenshots/. Exit code 0 when every expectation held.
const { chromium } = require('playwright-core');
const { spawn } = require('child_process');
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const JAR = path.join(ROOT, 'target', 'happy3.jar');
const SHOTS = path.join(ROOT, 'target', 'sandbox-screenshots');
const BROWSER = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 30000;

function startServer(dataDir) {
  return new Promise((resolve, reject) => {
    // Only our own HAPPY3_* settings: serve refuses unknown ones (CI sets HAPPY3_TEST_POSTGRES_URL for Maven).
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('HAPPY3_')
      && !key.startsWith('SLACK_') && !key.startsWith('MICROSOFT_APP_')));
    const server = spawn('java', ['-jar', JAR, 'serve'], {
      cwd: ROOT,
      env: Object.assign(env, { HAPPY3_PORT: '0', HAPPY3_DB_URL: 'jdbc:h2:file:' + path.join(dataDir, 'db') }),
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error('the server did not start in 120 s:\n' + output)), 120000);
    const read = (chunk) => {
      output += chunk.toString();
      const started = /happy3 serving on port (\d+) .*sandbox: (http:\/\/localhost:\d+\/)/.exec(output);
      if (started) {
        clearTimeout(timer);
        resolve({ server, port: Number(started[1]), url: started[2], output: () => output });
      }
    };
    server.stdout.on('data', read);
    server.stderr.on('data', read);
    server.on('exit', (code) => reject(new Error('the server exited with ' + code + ':\n' + output)));
  });
}

async function main() {
  assert.ok(fs.existsSync(JAR), 'build the jar first: mvn -q -B package -DskipTests');
  fs.mkdirSync(SHOTS, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'happy3-sandbox-e2e-'));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'happy3-chromium-'));
  const { server, url } = await startServer(dataDir);
  // A fresh profile every run (Playwright passes it to Chromium as --user-data-dir).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: BROWSER,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1360, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
  });
  try {
    await story(context, url).catch(async (error) => {
      // Leave evidence: what the page showed, and the sandbox's state as the server saw it.
      const page = context.pages()[0];
      await page.screenshot({ path: path.join(SHOTS, 'failure.png'), fullPage: true }).catch(() => {});
      const state = await page.evaluate(() => fetch('/sandbox/api/state').then((r) => r.text())).catch(() => '');
      fs.writeFileSync(path.join(SHOTS, 'failure-state.json'), state);
      throw error;
    });
    console.log('sandbox e2e: every step passed; screenshots in ' + SHOTS);
  } finally {
    await context.close();
    server.kill('SIGTERM');
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

async function story(context, url) {
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => dialog.accept());
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('now').textContent.includes(':'));
  const watcher = await context.newPage();
  await watcher.goto(url);

  // A customer reports a problem, typed and sent with the keyboard alone.
  await page.click('[data-person="priya"]');
  await page.focus('#new-text');
  await page.keyboard.type('Our CSV export fails with a timeout since this morning. Can someone take a look?');
  await page.keyboard.press('Enter');
  const thread = page.locator('[data-thread="m1"]');
  await thread.locator('[data-state="OPEN"]').waitFor();
  // The other open page learns about it from the event stream, without a reload.
  await watcher.locator('[data-thread="m1"] [data-state="OPEN"]').waitFor();

  // Time moves 10 minutes (the button pressed with the keyboard).
  await page.focus('[data-advance="10m"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('now').textContent.includes('09:11'));

  // The agent sees the first-response nudge, exactly as Slack or Teams would show it, and presses "On it".
  await page.click('[data-person="anna"]');
  const firstResponse = page.locator('[data-step="first-response"]');
  await firstResponse.waitFor();
  assert.match(await firstResponse.innerText(), /Priya \(Northwind\) has waited 10 min in #support/);
  assert.ok(await firstResponse.locator('select option', { hasText: 'until tomorrow 9:00' }).count() === 1,
    'the snooze menu offers tomorrow 9:00');
  await page.screenshot({ path: path.join(SHOTS, '1-first-response-nudge.png') });
  await firstResponse.getByRole('button', { name: 'On it' }).click();
  await firstResponse.locator('.outcome', { hasText: "You're on it." }).waitFor();

  // The agent claims a fix in the thread; the signal and its explanation show under the message.
  await page.fill('#reply-m1', "I've deployed a fix for the export timeout, it should work now. Could you try again?");
  await page.press('#reply-m1', 'Enter');
  await thread.locator('[data-state="RESOLUTION_PROPOSED"]').waitFor();
  assert.match(await thread.innerText(), /claim, not a result yet/);
  assert.match(await thread.locator('details.plan').innerText(), /confirm-result\s+Anna/);

  // The customer says it works: the issue is confirmed in the customer's own words.
  await page.click('[data-person="priya"]');
  await page.fill('#reply-m1', 'Works now, thank you so much!');
  await page.press('#reply-m1', 'Enter');
  await thread.locator('[data-state="CONFIRMED"]').waitFor();
  assert.match(await thread.innerText(), /customer confirmed \(customer words\)/);
  await page.screenshot({ path: path.join(SHOTS, '2-confirmed.png') });

  // +3 days brings the follow-up nudge to the agent.
  await page.click('[data-advance="3d"]');
  await page.waitForFunction(() => document.getElementById('now').textContent.startsWith('Thu'));
  await page.click('[data-person="anna"]');
  const followUp = page.locator('[data-step="follow-up"]');
  await followUp.waitFor();
  assert.match(await followUp.innerText(), /confirmed the fix 3 days ago/);
  assert.ok(await followUp.getByRole('button', { name: 'Followed up' }).isVisible());
  await page.screenshot({ path: path.join(SHOTS, '3-follow-up.png') });

  // The lead runs /review and sees the verified resolution.
  await page.click('[data-person="lea"]');
  await page.getByRole('button', { name: '/review', exact: true }).click();
  const review = page.locator('#person [data-kind="reply"]').first();
  await review.waitFor();
  assert.match(await review.innerText(), /Verified-resolution rate: 100% \(1\/1\)/);
  await page.screenshot({ path: path.join(SHOTS, '4-review.png') });
  await page.screenshot({ path: path.join(SHOTS, 'sandbox.png'), clip: { x: 0, y: 0, width: 1360, height: 1000 } });

  // The CSV export arrives as a download.
  await page.getByRole('button', { name: '/review export' }).click();
  const link = page.locator('#person a[download]').first();
  await link.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  assert.match(csv.split('\n')[0], /,/, 'the export has a CSV header');
  assert.ok(csv.split('\n').filter((line) => line.trim()).length >= 2, 'the export lists the issue');

  await dryRun(page);

  // A phone-sized screen: one column, nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, 'the page scrolls sideways on a phone by ' + overflow + ' px');
  await page.screenshot({ path: path.join(SHOTS, '5-phone.png') });
  await page.setViewportSize({ width: 1360, height: 1000 });

  // Reset erases the sandbox.
  await page.click('#reset');
  await page.locator('#threads .empty').waitFor();
  assert.deepStrictEqual(errors, [], 'the page threw: ' + errors.join('; '));
}

async function dryRun(page) {
  // Empty first, so the wait below sees this load finish (the page also loads it once on opening).
  await page.fill('#pb-text', '');
  await page.click('#pb-load');
  await page.waitForFunction(() => document.getElementById('pb-text').value.includes('confirm-result'));
  const original = await page.inputValue('#pb-text');
  // A broken playbook: the problem is shown with its line and column.
  await page.fill('#pb-text', original.replace('    after: 2h', '    after: soon'));
  await page.click('#pb-check');
  const problem = page.locator('#pb-problems li').first();
  await problem.waitFor();
  assert.match(await problem.innerText(), /line \d+, column \d+/);
  // A changed playbook, replayed against the thread side by side with the one in force.
  await page.fill('#pb-text', original.replace('    after: 2h', '    after: 1h'));
  await page.selectOption('#pb-thread', 'm1');
  await page.click('#pb-replay');
  const summary = page.locator('#pb-result .summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /the confirm-result nudge 1 h earlier/);
  await page.locator('section.playbook').screenshot({ path: path.join(SHOTS, '6-dry-run.png') });
}

main().catch((error) => {
  console.error('sandbox e2e FAILED: ' + (error && error.stack || error));
  process.exit(1);
});
