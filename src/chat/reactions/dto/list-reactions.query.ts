import { PaginationQuery } from '../../../common/pagination/pagination.js';
import { errorContext } from '../../../common/validation/app-validation.pipe.js';
import { IsSingleGrapheme } from './emoji.js';

export class ListReactionsQuery extends PaginationQuery {
  @IsSingleGrapheme(errorContext('chat/invalid-emoji', 'Emoji must be exactly one grapheme cluster.'))
  emoji: string;
}
