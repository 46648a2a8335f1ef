import { MAX_QUERY_LENGTH, type SearchOptions } from '../request.js'
import { HELP_PATH } from '../paths.js'

// Offered as suggestions; any arXiv category or archive can be typed.
const COMMON_CATEGORIES = [
  ['cs.LG', 'Machine Learning'],
  ['cs.CL', 'Computation and Language'],
  ['cs.CV', 'Computer Vision'],
  ['cs.AI', 'Artificial Intelligence'],
  ['stat.ML', 'Machine Learning (Statistics)'],
  ['cs.RO', 'Robotics'],
  ['cs.IR', 'Information Retrieval'],
  ['cs.SD', 'Sound'],
  ['eess.IV', 'Image and Video Processing'],
  ['cs.CR', 'Cryptography and Security'],
] as const

const WITHIN_OPTIONS = [
  ['any', 'Any time'],
  ['week', 'Past week'],
  ['month', 'Past month'],
  ['year', 'Past year'],
  ['custom', 'Custom dates'],
] as const

const SORT_OPTIONS = [
  ['relevance', 'Relevance'],
  ['newest', 'Newest'],
  ['upvotes', 'Most upvoted'],
] as const

/**
 * The search box with its filters: a plain GET form, so it works without a script and its
 * results have an address. A preset date range takes the place of the custom days.
 */
export function SearchForm({ options, action }: { options: SearchOptions; action: string }) {
  const within = options.within ?? (options.from || options.until ? 'custom' : 'any')
  return (
    <form class="search-form" action={action} method="get" aria-label="Search with filters">
      <div class="search-form-main">
        <label for="search-q" class="visually-hidden">
          Search for
        </label>
        <input
          id="search-q"
          type="search"
          name="q"
          value={options.q}
          maxlength={MAX_QUERY_LENGTH}
          placeholder="Words, “a phrase”, author:Name, or an arXiv id"
        />
        <button type="submit">Search</button>
      </div>
      <fieldset class="filters">
        <legend class="visually-hidden">Filters</legend>
        <div class="filter">
          <label for="search-category">Category</label>
          <input
            id="search-category"
            name="category"
            list="search-categories"
            value={options.categories.join(' ')}
            placeholder="e.g. cs.LG"
            autocomplete="off"
            size={10}
          />
          <datalist id="search-categories">
            {COMMON_CATEGORIES.map(([value, label]) => (
              <option value={value}>{label}</option>
            ))}
          </datalist>
        </div>
        <div class="filter">
          <label for="search-within">Published</label>
          <select id="search-within" name="within">
            {WITHIN_OPTIONS.map(([value, label]) => (
              <option value={value} selected={value === within}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div class="filter">
          <label for="search-from">From</label>
          <input id="search-from" type="date" name="from" value={options.from ?? ''} />
        </div>
        <div class="filter">
          <label for="search-until">To</label>
          <input id="search-until" type="date" name="until" value={options.until ?? ''} />
        </div>
        <div class="filter">
          <label for="search-sort">Sort by</label>
          <select id="search-sort" name="sort">
            {SORT_OPTIONS.map(([value, label]) => (
              <option value={value} selected={value === options.sort}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div class="filter filter-check">
          <input id="search-code" type="checkbox" name="has_code" value="1" checked={options.hasCode} />
          <label for="search-code">Has code</label>
        </div>
      </fieldset>
      <p class="search-help-link">
        <a href={HELP_PATH}>How to search: phrases, authors, categories, years</a>
      </p>
    </form>
  )
}
