/**
 * arXiv's category taxonomy (arxiv.org/category_taxonomy), as a static table: the human names the
 * category pages show and the archives the index groups them under. arXiv changes it a few times a
 * decade; a category the table lacks still has its page, under its code.
 */

/** An archive (`cs`, `hep-th`) and the subject classes filed under it (none for `hep-th`). */
export interface Archive {
  code: string
  name: string
  /** Category code → name, in arXiv's order. An archive without subject classes is itself a category. */
  categories: Record<string, string>
}

export const ARCHIVES: readonly Archive[] = [
  {
    code: 'cs',
    name: 'Computer Science',
    categories: {
      'cs.AI': 'Artificial Intelligence',
      'cs.AR': 'Hardware Architecture',
      'cs.CC': 'Computational Complexity',
      'cs.CE': 'Computational Engineering, Finance, and Science',
      'cs.CG': 'Computational Geometry',
      'cs.CL': 'Computation and Language',
      'cs.CR': 'Cryptography and Security',
      'cs.CV': 'Computer Vision and Pattern Recognition',
      'cs.CY': 'Computers and Society',
      'cs.DB': 'Databases',
      'cs.DC': 'Distributed, Parallel, and Cluster Computing',
      'cs.DL': 'Digital Libraries',
      'cs.DM': 'Discrete Mathematics',
      'cs.DS': 'Data Structures and Algorithms',
      'cs.ET': 'Emerging Technologies',
      'cs.FL': 'Formal Languages and Automata Theory',
      'cs.GL': 'General Literature',
      'cs.GR': 'Graphics',
      'cs.GT': 'Computer Science and Game Theory',
      'cs.HC': 'Human-Computer Interaction',
      'cs.IR': 'Information Retrieval',
      'cs.IT': 'Information Theory',
      'cs.LG': 'Machine Learning',
      'cs.LO': 'Logic in Computer Science',
      'cs.MA': 'Multiagent Systems',
      'cs.MM': 'Multimedia',
      'cs.MS': 'Mathematical Software',
      'cs.NA': 'Numerical Analysis',
      'cs.NE': 'Neural and Evolutionary Computing',
      'cs.NI': 'Networking and Internet Architecture',
      'cs.OH': 'Other Computer Science',
      'cs.OS': 'Operating Systems',
      'cs.PF': 'Performance',
      'cs.PL': 'Programming Languages',
      'cs.RO': 'Robotics',
      'cs.SC': 'Symbolic Computation',
      'cs.SD': 'Sound',
      'cs.SE': 'Software Engineering',
      'cs.SI': 'Social and Information Networks',
      'cs.SY': 'Systems and Control',
    },
  },
  {
    code: 'econ',
    name: 'Economics',
    categories: {
      'econ.EM': 'Econometrics',
      'econ.GN': 'General Economics',
      'econ.TH': 'Theoretical Economics',
    },
  },
  {
    code: 'eess',
    name: 'Electrical Engineering and Systems Science',
    categories: {
      'eess.AS': 'Audio and Speech Processing',
      'eess.IV': 'Image and Video Processing',
      'eess.SP': 'Signal Processing',
      'eess.SY': 'Systems and Control',
    },
  },
  {
    code: 'math',
    name: 'Mathematics',
    categories: {
      'math.AC': 'Commutative Algebra',
      'math.AG': 'Algebraic Geometry',
      'math.AP': 'Analysis of PDEs',
      'math.AT': 'Algebraic Topology',
      'math.CA': 'Classical Analysis and ODEs',
      'math.CO': 'Combinatorics',
      'math.CT': 'Category Theory',
      'math.CV': 'Complex Variables',
      'math.DG': 'Differential Geometry',
      'math.DS': 'Dynamical Systems',
      'math.FA': 'Functional Analysis',
      'math.GM': 'General Mathematics',
      'math.GN': 'General Topology',
      'math.GR': 'Group Theory',
      'math.GT': 'Geometric Topology',
      'math.HO': 'History and Overview',
      'math.IT': 'Information Theory',
      'math.KT': 'K-Theory and Homology',
      'math.LO': 'Logic',
      'math.MG': 'Metric Geometry',
      'math.MP': 'Mathematical Physics',
      'math.NA': 'Numerical Analysis',
      'math.NT': 'Number Theory',
      'math.OA': 'Operator Algebras',
      'math.OC': 'Optimization and Control',
      'math.PR': 'Probability',
      'math.QA': 'Quantum Algebra',
      'math.RA': 'Rings and Algebras',
      'math.RT': 'Representation Theory',
      'math.SG': 'Symplectic Geometry',
      'math.SP': 'Spectral Theory',
      'math.ST': 'Statistics Theory',
    },
  },
  {
    code: 'astro-ph',
    name: 'Astrophysics',
    categories: {
      'astro-ph': 'Astrophysics',
      'astro-ph.CO': 'Cosmology and Nongalactic Astrophysics',
      'astro-ph.EP': 'Earth and Planetary Astrophysics',
      'astro-ph.GA': 'Astrophysics of Galaxies',
      'astro-ph.HE': 'High Energy Astrophysical Phenomena',
      'astro-ph.IM': 'Instrumentation and Methods for Astrophysics',
      'astro-ph.SR': 'Solar and Stellar Astrophysics',
    },
  },
  {
    code: 'cond-mat',
    name: 'Condensed Matter',
    categories: {
      'cond-mat': 'Condensed Matter',
      'cond-mat.dis-nn': 'Disordered Systems and Neural Networks',
      'cond-mat.mes-hall': 'Mesoscale and Nanoscale Physics',
      'cond-mat.mtrl-sci': 'Materials Science',
      'cond-mat.other': 'Other Condensed Matter',
      'cond-mat.quant-gas': 'Quantum Gases',
      'cond-mat.soft': 'Soft Condensed Matter',
      'cond-mat.stat-mech': 'Statistical Mechanics',
      'cond-mat.str-el': 'Strongly Correlated Electrons',
      'cond-mat.supr-con': 'Superconductivity',
    },
  },
  {
    code: 'gr-qc',
    name: 'General Relativity and Quantum Cosmology',
    categories: { 'gr-qc': 'General Relativity and Quantum Cosmology' },
  },
  {
    code: 'hep-ex',
    name: 'High Energy Physics - Experiment',
    categories: { 'hep-ex': 'High Energy Physics - Experiment' },
  },
  {
    code: 'hep-lat',
    name: 'High Energy Physics - Lattice',
    categories: { 'hep-lat': 'High Energy Physics - Lattice' },
  },
  {
    code: 'hep-ph',
    name: 'High Energy Physics - Phenomenology',
    categories: { 'hep-ph': 'High Energy Physics - Phenomenology' },
  },
  { code: 'hep-th', name: 'High Energy Physics - Theory', categories: { 'hep-th': 'High Energy Physics - Theory' } },
  { code: 'math-ph', name: 'Mathematical Physics', categories: { 'math-ph': 'Mathematical Physics' } },
  {
    code: 'nlin',
    name: 'Nonlinear Sciences',
    categories: {
      'nlin.AO': 'Adaptation and Self-Organizing Systems',
      'nlin.CD': 'Chaotic Dynamics',
      'nlin.CG': 'Cellular Automata and Lattice Gases',
      'nlin.PS': 'Pattern Formation and Solitons',
      'nlin.SI': 'Exactly Solvable and Integrable Systems',
    },
  },
  { code: 'nucl-ex', name: 'Nuclear Experiment', categories: { 'nucl-ex': 'Nuclear Experiment' } },
  { code: 'nucl-th', name: 'Nuclear Theory', categories: { 'nucl-th': 'Nuclear Theory' } },
  {
    code: 'physics',
    name: 'Physics',
    categories: {
      'physics.acc-ph': 'Accelerator Physics',
      'physics.ao-ph': 'Atmospheric and Oceanic Physics',
      'physics.app-ph': 'Applied Physics',
      'physics.atm-clus': 'Atomic and Molecular Clusters',
      'physics.atom-ph': 'Atomic Physics',
      'physics.bio-ph': 'Biological Physics',
      'physics.chem-ph': 'Chemical Physics',
      'physics.class-ph': 'Classical Physics',
      'physics.comp-ph': 'Computational Physics',
      'physics.data-an': 'Data Analysis, Statistics and Probability',
      'physics.ed-ph': 'Physics Education',
      'physics.flu-dyn': 'Fluid Dynamics',
      'physics.gen-ph': 'General Physics',
      'physics.geo-ph': 'Geophysics',
      'physics.hist-ph': 'History and Philosophy of Physics',
      'physics.ins-det': 'Instrumentation and Detectors',
      'physics.med-ph': 'Medical Physics',
      'physics.optics': 'Optics',
      'physics.plasm-ph': 'Plasma Physics',
      'physics.pop-ph': 'Popular Physics',
      'physics.soc-ph': 'Physics and Society',
      'physics.space-ph': 'Space Physics',
    },
  },
  { code: 'quant-ph', name: 'Quantum Physics', categories: { 'quant-ph': 'Quantum Physics' } },
  {
    code: 'q-bio',
    name: 'Quantitative Biology',
    categories: {
      'q-bio.BM': 'Biomolecules',
      'q-bio.CB': 'Cell Behavior',
      'q-bio.GN': 'Genomics',
      'q-bio.MN': 'Molecular Networks',
      'q-bio.NC': 'Neurons and Cognition',
      'q-bio.OT': 'Other Quantitative Biology',
      'q-bio.PE': 'Populations and Evolution',
      'q-bio.QM': 'Quantitative Methods',
      'q-bio.SC': 'Subcellular Processes',
      'q-bio.TO': 'Tissues and Organs',
    },
  },
  {
    code: 'q-fin',
    name: 'Quantitative Finance',
    categories: {
      'q-fin.CP': 'Computational Finance',
      'q-fin.EC': 'Economics',
      'q-fin.GN': 'General Finance',
      'q-fin.MF': 'Mathematical Finance',
      'q-fin.PM': 'Portfolio Management',
      'q-fin.PR': 'Pricing of Securities',
      'q-fin.RM': 'Risk Management',
      'q-fin.ST': 'Statistical Finance',
      'q-fin.TR': 'Trading and Market Microstructure',
    },
  },
  {
    code: 'stat',
    name: 'Statistics',
    categories: {
      'stat.AP': 'Applications',
      'stat.CO': 'Computation',
      'stat.ME': 'Methodology',
      'stat.ML': 'Machine Learning',
      'stat.OT': 'Other Statistics',
      'stat.TH': 'Statistics Theory',
    },
  },
]

const NAMES = new Map(ARCHIVES.flatMap((a) => Object.entries(a.categories)))
const BY_CODE = new Map(ARCHIVES.map((a) => [a.code, a]))

/** A category's human name (`cs.LG` → "Machine Learning"), or null for one the table lacks. */
export function categoryName(code: string): string | null {
  return NAMES.get(code) ?? null
}

/** The archive a category is filed under: `cs.LG` → `cs`, `hep-th` → `hep-th`. */
export function archiveOf(category: string): string {
  return category.split('.')[0]!
}

/** The archive `code` names, if arXiv has one (`cs`, `math`, `hep-th`). */
export function findArchive(code: string): Archive | null {
  return BY_CODE.get(code) ?? null
}

/** Whether `code` is an archive with subject classes of its own (`cs`), rather than a category. */
export function isArchiveWithSubjects(code: string): boolean {
  const archive = BY_CODE.get(code)
  return !!archive && !(code in archive.categories)
}
