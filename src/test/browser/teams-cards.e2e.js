'use strict';
// The Teams Adaptive Cards in a real browser: renders each card the adapter made (target/teams-cards/*.json,
// written by TeamsCardFilesTest during `mvn verify`) with Microsoft's `adaptivecards` renderer (Teams' markdown
// through markdown-it) in Debian's headless Chromium driven by playwright-core, checks what a person would see
// (no renderer warnings, every button drawn and none cut off at the card's edge, no raw ids or markdown asterisks, the form's fields and errors) and
// screenshots each card to target/teams-card-screenshots/. Exit code 0 when every expectation held.
const { chromium } = require('playwright-core');
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CARDS = path.join(ROOT, 'target', 'teams-cards');
const SHOTS = path.join(ROOT, 'target', 'teams-card-screenshots');
const BROWSER = process.env.CHROMIUM || '/usr/bin/chromium';

// Teams' text colours, the same on white and on the grey of an emphasised container.
const FOREGROUND = {
  default: { default: '#242424', subtle: '#616161' },
  accent: { default: '#5B5FC7', subtle: '#7579EB' },
  good: { default: '#0E700E', subtle: '#107C10' },
  attention: { default: '#C4314B', subtle: '#D13438' },
  warning: { default: '#835B00', subtle: '#986F0B' }
};
// Close to Teams' light theme: Segoe UI (or the nearest sans-serif), Teams' purple accent and its sizes.
const HOST_CONFIG = {
  fontFamily: "'Segoe UI', 'Helvetica Neue', 'Noto Sans', 'DejaVu Sans', sans-serif",
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 200, default: 400, bolder: 600 },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: FOREGROUND
    },
    emphasis: {
      backgroundColor: '#F5F5F5',
      foregroundColors: FOREGROUND
    }
  },
  actions: { maxActions: 6, buttonSpacing: 8, actionsOrientation: 'horizontal', actionAlignment: 'left',
    showCard: { actionMode: 'inline' } },
  inputs: { label: { inputSpacing: 'small', requiredInputs: { suffix: ' *' } },
    errorMessage: { size: 'small', spacing: 'small' } }
};

// The look of Teams' buttons and inputs, which the renderer leaves to the host's CSS.
const HOST_CSS = `
  body { margin: 0; background: #EBEBEB; font-family: ${HOST_CONFIG.fontFamily}; }
  #card { width: 560px; margin: 24px; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,.2); overflow: hidden; }
  .ac-pushButton { font: 600 14px ${HOST_CONFIG.fontFamily}; padding: 5px 12px; min-height: 32px; border-radius: 4px;
    border: 1px solid #D1D1D1; background: #FFFFFF; color: #242424; cursor: pointer; }
  .ac-pushButton.style-positive, .ac-pushButton.primary { background: #5B5FC7; border-color: #5B5FC7; color: #FFF; }
  .ac-input { font: 14px ${HOST_CONFIG.fontFamily}; }
  .ac-input.ac-textInput, .ac-input.ac-dateInput { box-sizing: border-box; width: 100%; min-height: 32px;
    padding: 4px 8px; border: 1px solid #D1D1D1; border-bottom-color: #616161; border-radius: 4px; }
  .ac-textBlock p { margin: 0; }
`;

async function render(page, card) {
  return page.evaluate(({ card, hostConfig }) => {
    const md = window.markdownit();
    window.AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
      result.outputHtml = md.render(text);
      result.didProcess = true;
    };
    const adaptive = new window.AdaptiveCards.AdaptiveCard();
    adaptive.hostConfig = new window.AdaptiveCards.HostConfig(hostConfig);
    const context = new window.AdaptiveCards.SerializationContext();
    adaptive.parse(card, context);
    const events = [];
    for (let i = 0; i < context.eventCount; i++) {
      events.push(context.getEventAt(i).message);
    }
    adaptive.validateProperties().validationEvents.forEach((event) => events.push(event.message));
    const target = document.getElementById('card');
    target.innerHTML = '';
    target.appendChild(adaptive.render());
    // Inside the card's padding, and the label not truncated inside its button.
    const root = target.firstElementChild;
    const edge = root.getBoundingClientRect().right - parseFloat(getComputedStyle(root).paddingRight);
    return {
      events,
      cutOff: Array.from(target.querySelectorAll('button.ac-pushButton'))
        .filter((button) => button.getBoundingClientRect().right > edge + 0.5
          || button.scrollWidth > button.clientWidth + 1).map((button) => button.textContent.trim()),
      buttons: Array.from(target.querySelectorAll('button.ac-pushButton')).map((button) => button.textContent.trim()),
      text: target.innerText,
      textInputs: target.querySelectorAll('.ac-textInput').length,
      dateInputs: target.querySelectorAll('input[type=date]').length,
      html: target.innerHTML
    };
  }, { card, hostConfig: HOST_CONFIG });
}

function actionsOf(card) {
  const titles = [];
  JSON.stringify(card, (key, value) => {
    if (value && value.type === 'Action.Execute') {
      titles.push(value.title);
    }
    return value;
  });
  return titles;
}

async function main() {
  assert.ok(fs.existsSync(CARDS), 'run TeamsCardFilesTest first (mvn verify writes ' + CARDS + ')');
  fs.mkdirSync(SHOTS, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'happy3-chromium-cards-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: BROWSER,
    headless: true,
    viewport: { width: 620, height: 900 },
    deviceScaleFactor: 1,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync']
  });
  try {
    const page = await context.newPage();
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${HOST_CSS}</style></head>`
      + '<body><div id="card"></div></body></html>');
    await page.addScriptTag({ path: path.join(__dirname, 'node_modules', 'markdown-it', 'dist', 'browser', 'markdown-it.umd.min.js') });
    await page.addScriptTag({ path: path.join(__dirname, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.min.js') });
    const files = fs.readdirSync(CARDS).filter((name) => name.endsWith('.json')).sort();
    assert.ok(files.length >= 4, 'expected the four cards, found ' + files.join(', '));
    for (const file of files) {
      const card = JSON.parse(fs.readFileSync(path.join(CARDS, file), 'utf8'));
      const shown = await render(page, card);
      const shot = path.join(SHOTS, file.replace(/\.json$/, '.png'));
      await page.locator('#card').screenshot({ path: shot });
      assert.deepStrictEqual(shown.events, [], file + ': the renderer warned');
      assert.deepStrictEqual(shown.buttons, actionsOf(card), file + ': every button is drawn, in order');
      assert.deepStrictEqual(shown.cutOff, [], file + ': buttons cut off at the card\'s edge');
      assert.ok(!/\b(19|29):/.test(shown.text), file + ': a raw Teams id is shown:\n' + shown.text);
      assert.ok(!shown.text.includes('**'), file + ': markdown asterisks are shown:\n' + shown.text);
      if (file.startsWith('desired-result')) {
        assert.strictEqual(shown.textInputs, 1, file + ': one text field for the result');
        assert.strictEqual(shown.dateInputs, 1, file + ': one date field');
        assert.ok(shown.text.includes('What result do they need?'), file + ': the field is labelled');
      }
      if (file === 'desired-result-refused.json') {
        assert.ok(shown.text.includes('That date has passed'), file + ': the error is shown');
      }
      console.log('teams cards: ' + file + ' rendered, ' + shown.buttons.length + ' buttons -> ' + shot);
    }
    console.log('teams cards e2e: every card rendered as expected; screenshots in ' + SHOTS);
  } finally {
    await context.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
