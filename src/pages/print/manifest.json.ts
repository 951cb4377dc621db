// The list of PDFs `npm run pdf` makes from this build, so the script prints exactly what was built.
import type { APIRoute } from 'astro';
import { getCurriculum } from '../../curriculum/astro/curriculum.ts';
import { getAidKits } from '../../curriculum/astro/aid-kits.ts';
import { printJobs } from '../../print/jobs.ts';
import { getPrintTranslations } from '../../print/translated-pages.ts';

export const prerender = true;

export const GET: APIRoute = async () =>
  Response.json({ jobs: printJobs(await getCurriculum(), await getAidKits(), await getPrintTranslations()) });
