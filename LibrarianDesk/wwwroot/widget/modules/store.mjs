/*
 * What the widget keeps in the library site's local storage (its visitor id, the open conversation and
 * whether the panel was open), falling back to memory where storage is unavailable (private mode, a
 * sandboxed frame). storage() returns the Storage to use; reaching it may itself throw.
 */
var PREFIX = 'librariandesk:';

export function createStore(storage) {
  var memory = {};

  function load(key) {
    try {
      var raw = storage().getItem(PREFIX + key);
      return raw == null ? null : JSON.parse(raw);
    } catch (e) {
      return key in memory ? memory[key] : null;
    }
  }

  function save(key, value) {
    memory[key] = value;
    try {
      if (value == null) storage().removeItem(PREFIX + key);
      else storage().setItem(PREFIX + key, JSON.stringify(value));
    } catch (e) { /* private mode or storage disabled: memory only */ }
  }

  return { load: load, save: save };
}

/** The browser's visitor id: made once, then the same on every page of the site. */
export function visitorIdOf(store, newId) {
  var visitorId = store.load('visitorId');
  if (typeof visitorId !== 'string' || !visitorId) {
    visitorId = newId();
    store.save('visitorId', visitorId);
  }
  return visitorId;
}
