window.labyrintSearch.load("t-s",{"se":"GvS","sig":"G7F er","sit":"A4f e","sted":"D4A","støt":"D7O te","svar":"Fpa er"});
