window.labyrintSearch.load("t-b",{"betyd":"G2J er","bo":"D4H","bol":"D7Z ig","botilbud":"DrX det"});
