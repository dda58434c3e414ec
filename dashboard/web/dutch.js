// The page in Dutch (WCAG 2.1, 3.1.1 and 3.1.2). Streamlit's index.html says lang="en",
// and Streamlit writes its own labels in English: "Help for" and the label on every help
// icon, "Choose an option", the date field's "day, Peildatum", the file uploader's
// "Upload" and "50MB per file", "Skip to main content". A screen reader would read them
// with Dutch pronunciation, and a sighted user sees English. This script translates
// them where Streamlit writes them, and again whenever Streamlit writes them anew (a
// MutationObserver: React leaves a translated attribute alone until its value changes).
// Only Streamlit's own wording is matched; data (names, files) is never rewritten, only
// moved within a translated sentence, as text: nothing here parses markup.
// No less-than sign anywhere in this file, comments included: st.html empties a script
// that holds one (tests/test_browser.py checks that the translation ran).
(() => {
  document.documentElement.lang = "nl";
  if (window.beschutDutch) return;
  window.beschutDutch = true;

  const EXACT = new Map([
    ["Add files", "Bestanden toevoegen"],
    ["Choose a date", "Kies een datum"],
    ["Choose date", "Kies een datum"],
    ["Choose an option", "Kies een optie"],
    ["Choose options", "Kies een of meer opties"],
    ["Clear all", "Alles wissen"],
    ["Clear value", "Waarde wissen"],
    ["Close", "Sluiten"],
    ["Close fullscreen", "Volledig scherm sluiten"],
    ["Collapse sidebar", "Zijbalk inklappen"],
    ["Download as CSV", "Downloaden als CSV"],
    ["Expand sidebar", "Zijbalk uitklappen"],
    ["file upload", "Bestanden kiezen"],
    ["Fullscreen", "Volledig scherm"],
    ["Link to heading", "Link naar deze kop"],
    ["Main menu", "Hoofdmenu"],
    ["month", "maand"],
    ["No results", "Geen resultaten"],
    ["Next month", "Volgende maand"],
    ["Open", "Openen"],
    ["Press Enter to apply", "Druk op Enter om toe te passen"],
    ["Previous month", "Vorige maand"],
    ["Press Enter to submit form", "Druk op Enter om het formulier te versturen"],
    ["Running...", "Bezig…"],
    ["Search", "Zoeken"],
    ["Selected values", "Gekozen waarden"],
    ["Show/hide columns", "Kolommen tonen of verbergen"],
    ["Sidebar", "Zijbalk"],
    ["Skip to main content", "Naar de inhoud"],
    ["Upload", "Bestanden kiezen"],
    ["year", "jaar"],
  ]);
  const DATE_PARTS = { day: "dag", month: "maand", year: "jaar" };
  const MONTHS = {
    January: "januari", February: "februari", March: "maart", April: "april", May: "mei",
    June: "juni", July: "juli", August: "augustus", September: "september",
    October: "oktober", November: "november", December: "december",
  };
  const DAYS = {
    Sunday: "zondag", Monday: "maandag", Tuesday: "dinsdag", Wednesday: "woensdag",
    Thursday: "donderdag", Friday: "vrijdag", Saturday: "zaterdag",
  };
  // The calendar's column heads (S M T W T F S), by column: its weeks start on Sunday.
  const WEEKDAY_HEADS = ["zo", "ma", "di", "wo", "do", "vr", "za"];
  const CALENDAR = '[role="application"][aria-label]';
  const MONTH = `(${Object.keys(MONTHS).join("|")})`;
  const DAY = `(${Object.keys(DAYS).join("|")})`;
  const UNITS = "B|KB|MB|GB";
  // [pattern, replacement, only inside elements matching this selector (or anywhere)]
  const PATTERNS = [
    [/^Help for (.+)$/s, "Uitleg bij $1", null],
    [/^(day|month|year), (.+)$/s, (_, part, label) => `${DATE_PARTS[part]}, ${label}`, null],
    [/^Remove (.+)$/s, "$1 verwijderen", null],
    [
      new RegExp(`^(Today, )?${DAY}, ${MONTH} (\\d{1,2}), (\\d{4})( selected)?$`),
      (_, today, day, month, date, year, selected) =>
        `${today ? "vandaag, " : ""}${DAYS[day]} ${date} ${MONTHS[month]} ${year}` +
        (selected ? ", gekozen" : ""),
      CALENDAR,
    ],
    [
      new RegExp(`^(?:Choose date, )?${MONTH}( \\d{4})?$`),
      (whole, month, year) =>
        (whole.startsWith("Choose") ? "Kies een datum, " : "") + MONTHS[month] + (year || ""),
      CALENDAR,
    ],
    [
      new RegExp(`^(\\d+)(?:\\.(\\d+))?(${UNITS}) per file(.*)$`, "s"),
      (_, whole, part, unit, rest) => `Hoogstens ${number(whole, part)} ${unit} per bestand${rest}`,
      '[data-testid="stFileUploaderDropzoneInstructions"]',
    ],
    [
      new RegExp(`^(.*?)(\\d+)(?:\\.(\\d+))?(${UNITS})$`, "s"),
      (_, before, whole, part, unit) => `${before}${number(whole, part)} ${unit}`,
      '[data-testid="stFileChip"]',
    ],
  ];
  const TEXT_HOSTS = [
    '[data-testid="stFileUploaderDropzone"] button',
    '[data-testid="stFileUploaderDropzoneInstructions"]',
    '[data-testid="stFileChip"]',
    '[data-testid="stStatusWidget"]',
    '[data-testid="InputInstructions"]',
    CALENDAR,
    'a[href^="#"]',
  ].join(", ");
  const ATTRIBUTES = ["aria-label", "placeholder", "title"];

  function number(whole, part) {
    return part === undefined ? whole : `${whole},${part}`;
  }

  function translated(text, element) {
    const trimmed = text.trim();
    if (EXACT.has(trimmed)) return EXACT.get(trimmed);
    for (const [pattern, replacement, where] of PATTERNS) {
      if (where !== null && !element.closest(where)) continue;
      if (pattern.test(trimmed)) return trimmed.replace(pattern, replacement);
    }
    return null;
  }

  function fixAttributes(element) {
    for (const name of ATTRIBUTES) {
      const value = element.getAttribute(name);
      const dutch = value && translated(value, element);
      if (dutch && dutch !== value) element.setAttribute(name, dutch);
    }
  }

  function fixText(node) {
    const host = node.parentElement;
    if (!host || !host.closest(TEXT_HOSTS)) return;
    if (host.tagName === "TH" && host.closest(CALENDAR)) {
      const head = WEEKDAY_HEADS[host.cellIndex];
      if (head && node.nodeValue !== head) node.nodeValue = head;
      return;
    }
    const dutch = translated(node.nodeValue, host);
    if (dutch && dutch !== node.nodeValue.trim()) node.nodeValue = dutch;
  }

  function fixTree(root) {
    if (root.nodeType === Node.TEXT_NODE) return fixText(root);
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    fixAttributes(root);
    root.querySelectorAll("[aria-label], [placeholder], [title]").forEach(fixAttributes);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) fixText(walker.currentNode);
  }

  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes") fixAttributes(record.target);
      else if (record.type === "characterData") fixText(record.target);
      else record.addedNodes.forEach(fixTree);
    }
  }).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ATTRIBUTES,
  });
  fixTree(document.body);
})();
